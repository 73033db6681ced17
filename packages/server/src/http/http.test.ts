import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, LIMITS } from '@chorus/shared';
import { TestServer } from '../test/harness';

let server: TestServer;
let adminDir: string;
beforeAll(async () => {
  adminDir = mkdtempSync(join(tmpdir(), 'chorus-admin-'));
  writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>Chorus</title>');
  server = await TestServer.start({ adminDir });
});
afterAll(async () => {
  await server.stop();
  rmSync(adminDir, { recursive: true, force: true });
});

/** Sends `head` over a raw socket and never finishes the request; resolves when the server hangs up. */
function sendAndStall(url: string, head: string): Promise<{ reply: string; afterMs: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ reply, afterMs: Date.now() - started }));
  });
}

describe('slow clients', () => {
  // Short limits on a server of their own, so the large bodies below are not cut off on a loaded machine.
  let strict: TestServer;
  beforeAll(async () => {
    strict = await TestServer.start({ httpTimeouts: { headersMs: 500, requestMs: 1_000, keepAliveMs: 500 } });
  });
  afterAll(() => strict.stop());

  it('are cut off when their headers never finish', async () => {
    const { afterMs } = await sendAndStall(
      strict.url,
      'POST /graphql HTTP/1.1\r\nHost: chorus\r\nContent-Type: applic',
    );
    // Node's default would hold the socket for a minute; the configured 500 ms holds it about that long.
    expect(afterMs).toBeLessThan(10_000);
  });

  it('are cut off when their body never finishes, with 408', async () => {
    const { reply, afterMs } = await sendAndStall(
      strict.url,
      'POST /graphql HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(10_000);
  });
});

describe('request body limit', () => {
  it('admits the documented largest batch: 500 responses of 10,000 three-byte characters', async () => {
    const sessionId = await server.createSession();
    const text = '€'.repeat(LIMITS.textLength);
    const responses = Array.from({ length: LIMITS.batchSize }, () => ({ prompt: 'VALUES', text }));
    const result = await server.submit(sessionId, responses);
    expect(result.errors).toBeUndefined();
    expect(result.data.submitResponses.responses).toHaveLength(LIMITS.batchSize);
    // Five million characters redacted and stored in one transaction: slow on a loaded 2-core machine.
  }, 180_000);

  it('answers 413 in the media type the client asked for', async () => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(LIMITS.bodyBytes) } }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
    }
  });
});

describe('paths', () => {
  it.each(['/', '/sign-in', '/sessions/3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b/edit', '/admin/api-keys'])(
    'serves the admin app at its page %s',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Chorus</title>');
    },
  );

  it.each(['/export.csv', '/api/anything', '/sessions/a/b/c', '/.env', '/graphqlx'])(
    'answers 404 at %s, not the app',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('<title>Chorus</title>');
    },
  );
});
