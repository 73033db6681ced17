import { Random } from '../demo/random.js';
import { buildVocabulary, Vectoriser, type SparseVector } from './tfidf.js';
import { terms } from './text.js';

export interface TextItem {
  id: string;
  text: string;
}

/** A group of similar texts, as a candidate theme. */
export interface Cluster {
  /** Its most characteristic words and pairs of words, strongest first. */
  keyphrases: string[];
  /** The ids of the texts nearest its centre, nearest first (at most EXAMPLES). */
  examples: string[];
  size: number;
}

export interface ClusterOptions {
  /** How many groups to look for; by default about one per 25 texts, from 2 to 12. */
  k?: number;
  seed?: number;
  iterations?: number;
  onProgress?: (done: number) => void | Promise<void>;
}

export const EXAMPLES = 5;
const KEYPHRASES = 5;
const STARTS = 4;
/** A group smaller than this is noise, not a theme. */
export const MIN_CLUSTER = 3;

const dot = (vector: SparseVector, centre: Float64Array) => {
  let sum = 0;
  for (let k = 0; k < vector.indexes.length; k++) sum += vector.values[k]! * centre[vector.indexes[k]!]!;
  return sum;
};

/**
 * Spherical k-means on TF-IDF vectors (cosine similarity), started by k-means++ from `seed` so
 * the same texts always give the same groups. Groups come back largest first, and groups of
 * fewer than MIN_CLUSTER texts are dropped.
 */
export async function clusterTexts(items: readonly TextItem[], options: ClusterOptions = {}): Promise<Cluster[]> {
  const { seed = 1, iterations = 25, onProgress } = options;
  // Words in over a third of the texts ("city", "people") describe them all, not a group.
  const termLists = items.map((item) => terms(item.text));
  const vocabulary = buildVocabulary(termLists, { maxShare: 1 / 3 });
  const vectoriser = new Vectoriser(vocabulary);
  // A text with no word in the vocabulary is like no other: it joins no group.
  const members = items
    .map((item, i) => ({ id: item.id, vector: vectoriser.vector(termLists[i]!) }))
    .filter((m) => m.vector.indexes.length > 0);
  const vectors = members.map((m) => m.vector);
  const k = Math.min(options.k ?? Math.max(2, Math.min(12, Math.round(vectors.length / 25))), vectors.length);
  if (k < 1) return [];
  const width = vocabulary.keys.length;
  const random = new Random(seed);
  // k-means finds a local optimum: keep the best of a few starts, as scikit-learn's n_init does.
  let best: { centres: Float64Array[]; assignment: Int32Array; cohesion: number } | null = null;
  for (let start = 0; start < STARTS; start++) {
    const centres = seedCentres(vectors, k, width, random);
    let assignment = new Int32Array(vectors.length).fill(-1);
    for (let iteration = 0; iteration < iterations; iteration++) {
      const next = vectors.map((vector) => nearest(vector, centres).index);
      const moved = next.some((c, i) => c !== assignment[i]);
      assignment = Int32Array.from(next);
      recentre(vectors, assignment, centres, width);
      await onProgress?.((start + (iteration + 1) / iterations) / STARTS);
      await new Promise((resolve) => setImmediate(resolve));
      if (!moved) break;
    }
    const cohesion = vectors.reduce((sum, vector, i) => sum + dot(vector, centres[assignment[i]!]!), 0);
    if (!best || cohesion > best.cohesion) best = { centres, assignment, cohesion };
  }
  await onProgress?.(1);
  const { centres, assignment } = best!;
  const clusters: Cluster[] = [];
  centres.forEach((centre, c) => {
    const inside = vectors.map((vector, i) => ({ i, vector })).filter(({ i }) => assignment[i] === c);
    if (inside.length < MIN_CLUSTER) return;
    const examples = inside
      .map(({ i, vector }) => ({ id: members[i]!.id, similarity: dot(vector, centre) }))
      .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1))
      .slice(0, EXAMPLES)
      .map((e) => e.id);
    clusters.push({ keyphrases: keyphrases(centre, vocabulary.shown), examples, size: inside.length });
  });
  return clusters.sort((a, b) => b.size - a.size || (a.keyphrases[0]! < b.keyphrases[0]! ? -1 : 1));
}

/** k-means++: each next centre drawn in proportion to its distance from the nearest chosen one. */
function seedCentres(vectors: readonly SparseVector[], k: number, width: number, random: Random): Float64Array[] {
  const centreOf = (vector: SparseVector) => {
    const centre = new Float64Array(width);
    vector.indexes.forEach((feature, j) => (centre[feature] = vector.values[j]!));
    return centre;
  };
  const centres = [centreOf(vectors[random.int(0, vectors.length - 1)]!)];
  while (centres.length < k) {
    const distances = vectors.map((vector) => Math.max(0, 1 - nearest(vector, centres).similarity));
    const total = distances.reduce((sum, d) => sum + d, 0);
    if (total === 0) break;
    centres.push(
      centreOf(
        vectors[
          random.weighted(
            vectors.map((_, i) => i),
            distances,
          )
        ]!,
      ),
    );
  }
  return centres;
}

function nearest(vector: SparseVector, centres: readonly Float64Array[]): { index: number; similarity: number } {
  let index = 0;
  let similarity = -Infinity;
  centres.forEach((centre, c) => {
    const s = dot(vector, centre);
    if (s > similarity) [index, similarity] = [c, s];
  });
  return { index, similarity };
}

/** Each centre becomes the normalised mean of its members; an empty one stays where it was. */
function recentre(vectors: readonly SparseVector[], assignment: Int32Array, centres: Float64Array[], width: number) {
  centres.forEach((centre, c) => {
    const sum = new Float64Array(width);
    let any = false;
    vectors.forEach((vector, i) => {
      if (assignment[i] !== c) return;
      any = true;
      vector.indexes.forEach((feature, j) => (sum[feature]! += vector.values[j]!));
    });
    if (!any) return;
    const norm = Math.sqrt(sum.reduce((s, v) => s + v * v, 0));
    for (let f = 0; f < width; f++) centre[f] = sum[f]! / norm;
  });
}

/** The centre's heaviest features, a single word left out when a chosen pair already holds it. */
function keyphrases(centre: Float64Array, shown: readonly string[]): string[] {
  const ranked = [...centre.keys()].filter((f) => centre[f]! > 0).sort((a, b) => centre[b]! - centre[a]!);
  const phrases: string[] = [];
  for (const feature of ranked) {
    const phrase = shown[feature]!;
    const parts = phrase.split(' ');
    if (phrases.some((p) => p.split(' ').some((w) => parts.includes(w)))) continue;
    phrases.push(phrase);
    if (phrases.length === KEYPHRASES) break;
  }
  return phrases;
}
