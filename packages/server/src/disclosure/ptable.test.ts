import fc from 'fast-check';
import { adjustment, CELL_KEY_MODULUS, PTABLE, release, SuppressionReason } from './ptable';

describe('the ptable', () => {
  it('gives every cell key exactly one adjustment, averaging zero', () => {
    const adjustments = Array.from({ length: CELL_KEY_MODULUS }, (_, key) => adjustment(key));
    expect(adjustments.reduce((a, b) => a + b, 0)).toBe(0);
    expect(PTABLE[0]!.fromKey).toBe(0);
    expect(PTABLE.at(-1)!.toKey).toBe(CELL_KEY_MODULUS - 1);
    const variance = adjustments.reduce((sum, a) => sum + a * a, 0) / CELL_KEY_MODULUS;
    expect(variance).toBe(2.5);
  });

  it('never releases a figure in 1…threshold−1 and moves a released one by at most 3', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(100_000), fc.integer({ min: 2, max: 100 }), (count, key, threshold) => {
        const figure = release(count, key, threshold);
        if (figure.suppressed) return figure.value === null && figure.reason === SuppressionReason.BELOW_THRESHOLD;
        return figure.value! >= threshold && count >= threshold && Math.abs(figure.value! - count) <= 3;
      }),
    );
  });

  it('gives the same figure for the same count and cell key, however it was asked', () => {
    fc.assert(
      fc.property(
        fc.nat(5000),
        fc.nat(255),
        (count, key) => release(count, key, 10).value === release(count, key + 256, 10).value,
      ),
    );
  });
});
