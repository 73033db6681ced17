/**
 * Agreement statistics for nominal codes, kept free of the database so they can be checked
 * against the published worked examples (statistics.test.ts).
 */

/** A value a coder gave a unit; null when that coder did not code it. */
export type Code = string | number | boolean | null;

/**
 * Cohen's kappa for two coders who both coded every unit: (po − pe) / (1 − pe), with pe from
 * each coder's own marginal proportions (Cohen 1960). Null when chance agreement is already
 * total (both coders gave one and the same value throughout), where kappa is undefined.
 */
export function cohenKappa(pairs: readonly (readonly [Code, Code])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<Code, number>();
  const second = new Map<Code, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [value, count] of first) chance += (count / n) * ((second.get(value) ?? 0) / n);
  if (chance === 1) return null;
  return (agreed / n - chance) / (1 - chance);
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed: units
 * are rows of the values each coder gave (null where one did not code it). Built from the
 * coincidence matrix as in Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 * α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, over the pairable values only (units with at
 * least two). Null when there are no pairable values or all of them are one value.
 */
export function krippendorffAlphaNominal(units: readonly (readonly Code[])[]): number | null {
  // Coincidences between different values, and each value's total, weighted by 1/(m_u − 1).
  let disagreeing = 0;
  const totals = new Map<Code, number>();
  for (const unit of units) {
    const values = unit.filter((value) => value !== null);
    const m = values.length;
    if (m < 2) continue;
    const counts = new Map<Code, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const [value, count] of counts) {
      totals.set(value, (totals.get(value) ?? 0) + count);
      disagreeing += (count * (m - count)) / (m - 1);
    }
  }
  let n = 0;
  let sumSquares = 0;
  for (const total of totals.values()) {
    n += total;
    sumSquares += total * total;
  }
  const expected = n * n - sumSquares;
  if (n === 0 || expected === 0) return null;
  return 1 - ((n - 1) * disagreeing) / expected;
}
