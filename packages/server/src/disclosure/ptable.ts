/**
 * The perturbation table (ptable) of the cell-key method, as its generator: docs/disclosure-control.md
 * prints it in full. Every participant and every response holds a record key, a random whole number
 * in 0…255 drawn once when the row is stored; a cell's key is the sum of its records' keys mod 256,
 * so the same records always give the same key, whatever query counted them.
 */
export const CELL_KEY_MODULUS = 256;

/** The name of the method and its parameters, stored with every released table. */
export const METHOD = 'cell-key perturbation (ptable chorus-1: ±3, variance 2.5) with threshold suppression';

// How many of the 256 cell keys give an adjustment of 0, ±1, ±2, ±3: symmetric, so the mean is 0.
const KEYS_PER_ADJUSTMENT = [64, 48, 32, 16] as const;

/** The adjustment for a cell key, one row for every count: contiguous key ranges from −3 up to +3. */
export const PTABLE: readonly { adjustment: number; fromKey: number; toKey: number }[] = (() => {
  const rows = [];
  let fromKey = 0;
  for (let adjustment = -3; adjustment <= 3; adjustment++) {
    const keys = KEYS_PER_ADJUSTMENT[Math.abs(adjustment)]!;
    rows.push({ adjustment, fromKey, toKey: fromKey + keys - 1 });
    fromKey += keys;
  }
  return rows;
})();

export function adjustment(cellKey: number): number {
  const key = ((cellKey % CELL_KEY_MODULUS) + CELL_KEY_MODULUS) % CELL_KEY_MODULUS;
  return PTABLE.find((row) => key <= row.toKey)!.adjustment;
}

/** Why a figure was withheld. One reason for every withheld figure, so the reason itself tells nothing. */
export enum SuppressionReason {
  BELOW_THRESHOLD = 'BELOW_THRESHOLD',
}

export interface ReleasedFigure {
  /** The perturbed count, or null when withheld. */
  value: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

/**
 * A true count and its cell key, as released: a count below the threshold is withheld; any other
 * is moved by the ptable's adjustment, and withheld as well when that takes it below the threshold,
 * so every released figure carries the full noise and none lies in 1…threshold−1.
 */
export function release(count: number, cellKey: number, threshold: number): ReleasedFigure {
  const value = count + adjustment(cellKey);
  if (count < threshold || value < threshold) {
    return { value: null, suppressed: true, reason: SuppressionReason.BELOW_THRESHOLD };
  }
  return { value, suppressed: false, reason: null };
}
