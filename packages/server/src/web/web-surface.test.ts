import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServer } from '../test/harness';

const PARTNER = 'https://partner.example';

const preflight = (url: string, origin: string) =>
  fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });

const post = (url: string, origin: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

describe('security headers', () => {
  let server: TestServer;
  let adminDir: string;
  beforeAll(async () => {
    adminDir = mkdtempSync(join(tmpdir(), 'chorus-admin-'));
    writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>Chorus</title>');
    writeFileSync(join(adminDir, 'explorer.html'), '<!doctype html><title>Chorus API explorer</title>');
    server = await TestServer.start({ adminDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(adminDir, { recursive: true, force: true });
  });

  it('sends CSP, nosniff, no framing and no referrer on the API, the app and health checks', async () => {
    const responses = [
      await fetch(`${server.url}/healthz`),
      await post(server.url, server.url),
      await fetch(`${server.url}/sessions`, { headers: { accept: 'text/html' } }),
      await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } }),
    ];
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).not.toMatch(/https?:\/\//);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('serves the explorer page to a browser opening /graphql, and the API to everyone else', async () => {
    const page = await fetch(`${server.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Chorus API explorer');

    const query = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html,*/*;q=0.8' },
    });
    expect(((await query.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });

    const json = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(json.headers.get('content-type')).toMatch(/json/);
  });
});

describe('CORS with no origins configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server?.stop());

  it('lets no other site read the API', async () => {
    const answer = await preflight(server.url, PARTNER);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-headers')).toBeNull();
    const reply = await post(server.url, PARTNER);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with CHORUS_CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ corsOrigins: [PARTNER, 'http://localhost:5173'] });
  });
  afterAll(() => server?.stop());

  it('answers a listed origin’s preflight for Authorization and Content-Type, then its requests', async () => {
    const answer = await preflight(server.url, PARTNER);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST');
    const headers = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();

    const reply = await post(server.url, PARTNER);
    expect(reply.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(reply.headers.get('vary')).toMatch(/origin/i);
    expect(((await reply.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
  });

  it('refuses an origin not listed, including look-alikes', async () => {
    for (const origin of ['https://evil.example', 'https://partner.example.evil.example', 'http://partner.example']) {
      const answer = await preflight(server.url, origin);
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-headers')).toBeNull();
      expect((await post(server.url, origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
