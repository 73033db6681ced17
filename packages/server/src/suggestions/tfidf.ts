import { terms, type Term } from './text.js';

/** The features a model knows, with their inverse document frequencies. */
export interface Vocabulary {
  keys: string[];
  /** How each feature was first written, to explain a suggestion in words. */
  shown: string[];
  idf: number[];
}

/** A sparse, L2-normalised TF-IDF vector: feature indexes ascending, with their weights. */
export interface SparseVector {
  indexes: Int32Array;
  values: Float32Array;
}

export interface VocabularyOptions {
  /** Features in fewer documents than this are left out (one person's turn of phrase teaches nothing). */
  minDocuments?: number;
  /** Features in more than this share of documents are left out (they tell nothing apart). */
  maxShare?: number;
  /** At most this many features, the most widespread first. */
  maxFeatures?: number;
}

/** Counts each feature's documents over the texts' terms (`terms` of each) and keeps those worth weighing. */
export function buildVocabulary(texts: readonly (readonly Term[])[], options: VocabularyOptions = {}): Vocabulary {
  const { minDocuments = 2, maxShare = 1, maxFeatures = 40_000 } = options;
  const documents = new Map<string, { count: number; shown: string }>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const term of text) {
      if (seen.has(term.key)) continue;
      seen.add(term.key);
      const entry = documents.get(term.key);
      if (entry) entry.count++;
      else documents.set(term.key, { count: 1, shown: term.shown });
    }
  }
  const kept = [...documents]
    .filter(([, { count }]) => count >= minDocuments && count <= maxShare * texts.length)
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1))
    .slice(0, maxFeatures);
  // Smoothed idf, as scikit-learn's default: never zero, so a feature in every document still counts a little.
  return {
    keys: kept.map(([key]) => key),
    shown: kept.map(([, { shown }]) => shown),
    idf: kept.map(([, { count }]) => Math.log((1 + texts.length) / (1 + count)) + 1),
  };
}

/** Looks features up by key; built once per vocabulary. */
export class Vectoriser {
  private readonly index: Map<string, number>;

  constructor(readonly vocabulary: Vocabulary) {
    this.index = new Map(vocabulary.keys.map((key, i) => [key, i]));
  }

  /** Sublinear term frequency (1 + log count) times idf, scaled to unit length; `text` or its terms. */
  vector(text: string | readonly Term[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of typeof text === 'string' ? terms(text) : text) {
      const i = this.index.get(term.key);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indexes = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float32Array(indexes.length);
    let norm = 0;
    indexes.forEach((i, k) => {
      const value = (1 + Math.log(counts.get(i)!)) * this.vocabulary.idf[i]!;
      values[k] = value;
      norm += value * value;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k]! /= norm;
    return { indexes, values };
  }
}
