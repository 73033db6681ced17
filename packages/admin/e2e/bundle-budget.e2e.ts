import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { BUDGET_BYTES, initialJavaScript } from '../scripts/bundle-size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ADMIN_DIST = process.env.CHORUS_ADMIN_DIR ?? resolve(here, '../dist');
const SERVER_DIST = resolve(here, '../../server/dist');
const SHARED_DIST = resolve(here, '../../shared/dist');

it('keeps the first load within 250 kB of gzipped JavaScript', () => {
  const { gzipBytes, files } = initialJavaScript();
  expect(files.length).toBeGreaterThan(0);
  expect(gzipBytes, `initial JavaScript is ${(gzipBytes / 1024).toFixed(1)} kB gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
});

it('ships no source maps in the production build (admin app, explorer, server)', () => {
  const built = [ADMIN_DIST, SERVER_DIST, SHARED_DIST].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)),
  );
  const scripts = built.filter((file) => /\.(m?js|css)$/.test(file));
  expect(scripts.length).toBeGreaterThan(0);
  expect(built.filter((file) => file.endsWith('.map'))).toEqual([]);
  expect(scripts.filter((file) => readFileSync(file, 'utf8').includes('sourceMappingURL='))).toEqual([]);
});
