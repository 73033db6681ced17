import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import accepts from 'accepts';
import vary from 'vary';

/** Below about one TCP packet compression saves nothing worth the CPU. */
export const COMPRESSION_THRESHOLD = 1024;

const compressors = {
  // Quality 4: about gzip's speed at a smaller size; 11, the default, is for build-time assets.
  br: (body: Buffer) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body: Buffer) => promisify(gzip)(body, { level: 6 }),
};

/** The encoding to send `size` bytes in: br or gzip when the client accepts one and it is worth it. */
export function chosenEncoding(req: IncomingMessage, size: number): 'br' | 'gzip' | undefined {
  if (size < COMPRESSION_THRESHOLD || !req.headers['accept-encoding']) return undefined;
  const encoding = accepts(req).encoding(['br', 'gzip']);
  return encoding === 'br' || encoding === 'gzip' ? encoding : undefined;
}

/**
 * Ends `res` with `body`, compressed when the client accepts it and the body is large enough.
 * The work runs on libuv's thread pool (zlib's async API), off the event loop.
 */
export async function endCompressed(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const raw = Buffer.from(body);
  vary(res, 'Accept-Encoding');
  const encoding = req.method === 'HEAD' ? undefined : chosenEncoding(req, raw.length);
  const sent = encoding ? await compressors[encoding](raw) : raw;
  if (encoding) res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', sent.length);
  res.end(sent);
}
