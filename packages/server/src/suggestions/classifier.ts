import { Random } from '../demo/random.js';
import { buildVocabulary, Vectoriser, type SparseVector, type Vocabulary } from './tfidf.js';
import { terms } from './text.js';

/** A text and the labels (theme ids) it was coded to. */
export interface LabelledText {
  text: string;
  labels: readonly string[];
}

/** A trained one-vs-rest logistic regression: one weight per feature and label, feature-major. */
export interface ClassifierModel {
  vocabulary: Vocabulary;
  labels: string[];
  weights: Float32Array;
  bias: Float32Array;
}

export interface Prediction {
  label: string;
  /** The model's probability that the label applies, 0 to 1. */
  score: number;
  /** The words of the text that pushed the score up most, strongest first. */
  words: string[];
}

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Told the share done, 0 to 1, now and then. */
  onProgress?: (done: number) => void | Promise<void>;
}

/** Up to this many labels are suggested, each only at this probability or more. */
export const MAX_SUGGESTIONS = 3;
export const MIN_SCORE = 0.3;
const WORDS_SHOWN = 3;
const LEARNING_RATE = 2;
// Between yields to the event loop, so a model trained in the server's own process never stalls requests for long.
const YIELD_EVERY = 2_000;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Trains by stochastic gradient descent on the log loss of each label at once, visiting the
 * texts in an order drawn from `seed`, so the same codings always give the same model.
 */
export async function trainClassifier(
  examples: readonly LabelledText[],
  { epochs = 6, seed = 1, onProgress }: TrainOptions = {},
): Promise<ClassifierModel> {
  const termLists = examples.map((e) => terms(e.text));
  const vocabulary = buildVocabulary(termLists);
  const vectoriser = new Vectoriser(vocabulary);
  const labels = [...new Set(examples.flatMap((e) => e.labels))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const width = labels.length;
  const vectors = termLists.map((list) => vectoriser.vector(list));
  const targets = examples.map((e) => new Set(e.labels.map((label) => labelIndex.get(label)!)));
  const weights = new Float32Array(vocabulary.keys.length * width);
  const bias = new Float32Array(width);
  // Start each bias at its label's prior log-odds: rare labels start unlikely rather than at even odds.
  for (let l = 0; l < width; l++) {
    const positives = targets.filter((t) => t.has(l)).length;
    bias[l] = Math.log((positives + 0.5) / (examples.length - positives + 0.5));
  }
  const random = new Random(seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(width);
  const steps = epochs * examples.length;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { indexes, values } = vectors[n]!;
      scores(weights, bias, indexes, values, z);
      const rate = LEARNING_RATE / (1 + (2 * step) / examples.length);
      const target = targets[n]!;
      for (let l = 0; l < width; l++) z[l] = rate * ((target.has(l) ? 1 : 0) - sigmoid(z[l]!));
      for (let k = 0; k < indexes.length; k++) {
        const row = indexes[k]! * width;
        const x = values[k]!;
        for (let l = 0; l < width; l++) weights[row + l]! += z[l]! * x;
      }
      for (let l = 0; l < width; l++) bias[l]! += z[l]! * 0.1;
      if (++step % YIELD_EVERY === 0) {
        await onProgress?.(step / steps);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  await onProgress?.(1);
  return { vocabulary, labels, weights, bias };
}

/** Each label's log-odds for one vector, into `out`. */
function scores(
  weights: Float32Array,
  bias: Float32Array,
  indexes: Int32Array,
  values: Float32Array,
  out: Float64Array,
) {
  const width = bias.length;
  for (let l = 0; l < width; l++) out[l] = bias[l]!;
  for (let k = 0; k < indexes.length; k++) {
    const row = indexes[k]! * width;
    const x = values[k]!;
    for (let l = 0; l < width; l++) out[l]! += weights[row + l]! * x;
  }
}

/** Suggests labels for texts, one model loaded once. */
export class Classifier {
  private readonly vectoriser: Vectoriser;
  private readonly labelIndex: Map<string, number>;

  constructor(readonly model: ClassifierModel) {
    this.vectoriser = new Vectoriser(model.vocabulary);
    this.labelIndex = new Map(model.labels.map((label, i) => [label, i]));
  }

  /** Whether the model can suggest this label at all (it was trained on it). */
  knows(label: string): boolean {
    return this.labelIndex.has(label);
  }

  /**
   * Up to MAX_SUGGESTIONS labels at MIN_SCORE or more, most likely first, leaving out `exclude`
   * (labels already given) and labels `allowed` rejects (themes no longer in the codebook).
   */
  suggest(
    text: string,
    { exclude = [], allowed = () => true }: { exclude?: readonly string[]; allowed?: (label: string) => boolean } = {},
  ): Prediction[] {
    const { weights, bias, labels, vocabulary } = this.model;
    const vector = this.vectoriser.vector(text);
    const z = new Float64Array(labels.length);
    scores(weights, bias, vector.indexes, vector.values, z);
    const skipped = new Set(exclude);
    return (
      labels
        .map((label, l) => ({ label, l, score: sigmoid(z[l]!) }))
        .filter(({ label, score }) => score >= MIN_SCORE && !skipped.has(label) && allowed(label))
        .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1))
        .map(({ label, l, score }) => ({ label, score, words: this.reasons(vector, l, vocabulary) }))
        // A suggestion no word of the text argues for (the label is merely common) is not offered.
        .filter((prediction) => prediction.words.length > 0)
        .slice(0, MAX_SUGGESTIONS)
    );
  }

  /** The features whose weight times presence raised label `l` most. */
  private reasons(vector: SparseVector, l: number, vocabulary: Vocabulary): string[] {
    const width = this.model.labels.length;
    const contributions: { feature: number; value: number }[] = [];
    vector.indexes.forEach((feature, k) => {
      const value = this.model.weights[feature * width + l]! * vector.values[k]!;
      if (value > 0) contributions.push({ feature, value });
    });
    const words: string[] = [];
    for (const { feature } of contributions.sort((a, b) => b.value - a.value)) {
      const shown = vocabulary.shown[feature]!;
      // A pair already says its single words: list each word once.
      if (words.some((w) => w.split(' ').includes(shown) || shown.split(' ').includes(w))) continue;
      words.push(shown);
      if (words.length === WORDS_SHOWN) break;
    }
    return words;
  }
}
