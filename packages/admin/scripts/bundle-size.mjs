// Prints the JavaScript a first visit downloads (the entry chunk and its static imports, gzipped);
// e2e/bundle-budget.e2e.ts fails the build's tests above the budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 200 * 1024;
const dist = process.env.CHORUS_ADMIN_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** @returns {{ files: string[]; gzipBytes: number }} */
export function initialJavaScript(distDir = dist) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  const gzipBytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  return { files: [...files], gzipBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, gzipBytes } = initialJavaScript();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(`initial JavaScript: ${kb(gzipBytes)} gzip in ${files.length} file(s); budget ${kb(BUDGET_BYTES)}`);
}
