import type { QueryRunner } from 'typeorm';
import { TestServer } from '../test/harness';

describe('a server whose connection pool is exhausted', () => {
  let server: TestServer;
  let held: QueryRunner;
  beforeAll(async () => {
    server = await TestServer.start({ pool: { max: 1, acquireTimeoutMs: 1_000 } });
  });
  afterAll(async () => {
    await held?.release();
    await server.stop();
  });

  it('answers 503 with Retry-After once the one-second wait for a connection runs out, then serves again once a connection frees', async () => {
    const sessions = async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
        body: JSON.stringify({ query: '{ sessions(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions?: unknown }[] };
      return {
        ms: performance.now() - started,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        errors: body.errors?.map((error) => error.extensions),
      };
    };
    expect((await sessions()).errors).toBeUndefined();

    // A slow transaction elsewhere holds the only connection.
    held = server.dataSource.createQueryRunner();
    await held.connect();
    await held.query('SELECT 1');
    const replies = await Promise.all(Array.from({ length: 8 }, sessions));
    for (const reply of replies) {
      expect({ ...reply, ms: undefined }).toEqual({
        ms: undefined,
        status: 503,
        retryAfter: '1',
        errors: [{ code: 'INTERNAL_SERVER_ERROR', retryable: true }],
      });
      // It waited for the bounded acquisition, no more: the connection is held for good, so an
      // unbounded wait would never answer. (No upper time bound here: a loaded machine stretches it.)
      expect(reply.ms).toBeGreaterThanOrEqual(900);
    }
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);

    await held.release();
    expect((await sessions()).errors).toBeUndefined();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
