import { TestServer } from './test/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the HTTP app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('answers /healthz with 200 while the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
    for (const probe of ['/livez', '/readyz']) expect((await fetch(`${server.url}${probe}`)).status).toBe(200);
  });

  it('echoes the x-request-id a caller sends, on /graphql and /healthz', async () => {
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'partner-sync.2026-06-14_0001' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('x-request-id')).toBe('partner-sync.2026-06-14_0001');

    const health = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'probe-42' } });
    expect(health.headers.get('x-request-id')).toBe('probe-42');
  });

  it('generates a fresh x-request-id when none is sent', async () => {
    const request = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const first = (await request()).headers.get('x-request-id');
    const second = (await request()).headers.get('x-request-id');
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
  });

  it('replaces an x-request-id that could corrupt the logs with a generated one', async () => {
    for (const given of ['x'.repeat(65), 'two words', 'line"quote']) {
      const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': given } });
      expect(response.status).toBe(200);
      const id = response.headers.get('x-request-id');
      expect(id).not.toBe(given);
      expect(id).toMatch(UUID);
    }
  });

  it('does not announce its framework', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('/healthz without a database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('answers 503 once the database is gone', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.dataSource.destroy();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status?: string };
    expect(body.status).not.toBe('ok');
    expect(JSON.stringify(body)).not.toMatch(/password|postgres:\/\//i);
    // Readiness fails with it; liveness does not, so an orchestrator waits rather than restarts.
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(readiness.headers.get('retry-after')).toBe('1');
    const liveness = await fetch(`${server.url}/livez`);
    expect(liveness.status).toBe(200);
    expect(await liveness.json()).toEqual({ status: 'ok' });
  });
});
