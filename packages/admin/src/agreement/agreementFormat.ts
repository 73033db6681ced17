/** Kappa or alpha to two decimals; "–" where the statistic is undefined (no variation at all). */
export function formatAgreement(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

export const METHOD_LABEL: Record<string, string> = {
  COHEN_KAPPA: "Cohen's κ",
  KRIPPENDORFF_ALPHA: "Krippendorff's α",
};
