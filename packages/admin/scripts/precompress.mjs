// Writes a .br and a .gz beside each built text file of 1 kB or more, at the strongest settings:
// the server sends them to browsers that accept them (packages/server/src/web/precompressed.ts),
// so a first visit downloads a fifth of the bytes and no request spends CPU compressing.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json', '.ttf', '.txt']);
const THRESHOLD = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let written = 0;
for (const path of files(dist)) {
  if (!TEXT.has(extname(path)) || path.includes(`${join(dist, '.vite')}`) || statSync(path).size < THRESHOLD) continue;
  const body = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  written++;
}
console.log(`precompressed ${written} file(s) (.br, .gz)`);
