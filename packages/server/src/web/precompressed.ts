import { readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import accepts from 'accepts';
import type { RequestHandler, Response } from 'express';
import vary from 'vary';

const ENCODINGS = { br: '.br', gzip: '.gz' } as const;
type Encoding = keyof typeof ENCODINGS;

/** URL path → the encodings written beside it by the admin build (packages/admin/scripts/precompress.mjs). */
function variantsIn(dir: string): Map<string, Encoding[]> {
  const variants = new Map<string, Encoding[]>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    for (const [encoding, suffix] of Object.entries(ENCODINGS) as [Encoding, string][]) {
      if (!file.endsWith(suffix)) continue;
      const path = `/${relative(dir, file.slice(0, -suffix.length)).split(sep).join('/')}`;
      variants.set(path, [...(variants.get(path) ?? []), encoding]);
    }
  }
  return variants;
}

/**
 * Vite names every file under /assets/ after a hash of its content, so a browser may keep it a
 * year without asking again; a new build has new names, and the pages that name them pick them
 * up. Anything else (index.html, the favicon) is asked again each time, an ETag saving the body.
 */
export function setAssetCaching(res: Response, path: string): void {
  res.setHeader('Cache-Control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Sends the admin app's files compressed at build time to browsers that accept br or gzip, with
 * the original's type; everything else goes on to express.static. Nothing is compressed per request.
 */
export function precompressedAssets(dir: string): RequestHandler {
  const variants = variantsIn(dir);
  return (req, res, next) => {
    const available = req.method === 'GET' || req.method === 'HEAD' ? variants.get(req.path) : undefined;
    if (!available) return next();
    vary(res, 'Accept-Encoding');
    const encoding = accepts(req).encoding(available);
    if (encoding !== 'br' && encoding !== 'gzip') return next();
    res.type(extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    setAssetCaching(res, req.path);
    res.sendFile(`${req.path.slice(1)}${ENCODINGS[encoding]}`, { root: dir, cacheControl: false }, (error) =>
      error ? next(error) : undefined,
    );
  };
}
