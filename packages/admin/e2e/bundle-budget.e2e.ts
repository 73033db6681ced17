import { expect, it } from 'vitest';
import { BUDGET_BYTES, initialJavaScript } from '../scripts/bundle-size.mjs';

it('keeps the first load within 250 kB of gzipped JavaScript', () => {
  const { gzipBytes, files } = initialJavaScript();
  expect(files.length).toBeGreaterThan(0);
  expect(gzipBytes, `initial JavaScript is ${(gzipBytes / 1024).toFixed(1)} kB gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
});
