import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { TestServer } from '../test/harness';
import { rawRequest } from '../test/raw-request';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(1_000))};\n`;

let server: TestServer;
let adminDir: string;
beforeAll(async () => {
  adminDir = mkdtempSync(join(tmpdir(), 'chorus-admin-'));
  mkdirSync(join(adminDir, 'assets'));
  writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>Chorus</title>');
  // As the admin build writes them (packages/admin/scripts/precompress.mjs).
  writeFileSync(join(adminDir, 'assets', 'app.js'), SCRIPT);
  writeFileSync(join(adminDir, 'assets', 'app.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(adminDir, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
  server = await TestServer.start({ adminDir });
});
afterAll(async () => {
  await server.stop();
  rmSync(adminDir, { recursive: true, force: true });
});

describe('the admin app’s files', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ])('are sent %s-encoded, as built, to a browser that accepts it', async (encoding, decode) => {
    const reply = await rawRequest(`${server.url}/assets/app.js`, { headers: { 'accept-encoding': encoding } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(encoding);
    expect(reply.headers['content-type']).toMatch(/javascript/);
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(reply.body).toString()).toBe(SCRIPT);
  });

  it('are sent as they are to a client that accepts no encoding', async () => {
    const reply = await rawRequest(`${server.url}/assets/app.js`);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.toString()).toBe(SCRIPT);
  });
});

describe('caching', () => {
  it('lets a browser keep a hashed file a year, compressed or not, and asks again for the page that names them', async () => {
    for (const encoding of ['br', 'identity']) {
      const asset = await rawRequest(`${server.url}/assets/app.js`, { headers: { 'accept-encoding': encoding } });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const page = await rawRequest(`${server.url}/sessions`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
