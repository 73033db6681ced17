import { cohenKappa, krippendorffAlphaNominal, type Code } from './statistics';

/** A two-by-two table of two raters' yes/no as pairs: a both yes, b first yes only, c second yes only, d both no. */
function table(a: number, b: number, c: number, d: number): [Code, Code][] {
  const repeat = (times: number, pair: [Code, Code]) => Array.from({ length: times }, () => pair);
  return [
    ...repeat(a, ['yes', 'yes']),
    ...repeat(b, ['yes', 'no']),
    ...repeat(c, ['no', 'yes']),
    ...repeat(d, ['no', 'no']),
  ];
}

describe("Cohen's kappa against published worked examples", () => {
  it('Wikipedia, "Cohen\'s kappa", simple example: 50 proposals, a=20 b=5 c=10 d=15, κ = 0.40', () => {
    expect(cohenKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 10);
  });

  it('Wikipedia, same percentage agreement (60 %) but different numbers: κ = 0.1304 and κ = 0.2593', () => {
    expect(cohenKappa(table(45, 15, 25, 15))).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(table(25, 35, 5, 35))).toBeCloseTo(0.2593, 4);
  });

  it('is undefined (null) when both coders gave one value throughout, where 1 − pe is 0', () => {
    expect(cohenKappa(table(0, 0, 0, 12))).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal) against the worked examples of Krippendorff (2011)", () => {
  it('A. binary data, two observers, no missing data: α = 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlphaNominal(a.map((value, unit) => [value, b[unit]!]))).toBeCloseTo(0.095, 3);
  });

  it('C. nominal data, four observers, twelve units, missing values: α = 0.743', () => {
    const _ = null;
    const observers: Code[][] = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = observers[0]!.map((_value, unit) => observers.map((row) => row[unit]!));
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.743, 3);
  });

  it('is undefined (null) with nothing pairable, or a single value throughout', () => {
    expect(
      krippendorffAlphaNominal([
        [1, null],
        [null, 2],
      ]),
    ).toBeNull();
    expect(
      krippendorffAlphaNominal([
        [1, 1],
        [1, 1, 1],
      ]),
    ).toBeNull();
  });
});
