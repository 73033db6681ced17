import { Role } from '@chorus/shared';
import { codeOf, TestServer } from '../test/harness';

const POINTS = 1_000;
let server: TestServer;
let cellCount: number;

beforeAll(async () => {
  server = await TestServer.start({
    rateLimits: {
      pointsPerMinute: POINTS,
      anonymousPointsPerMinute: POINTS,
      signIn: { perIp: 1_000, perAccountIp: 1_000, perAccount: 1_000 },
    },
  });
  const coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  await server.ok(`mutation { publishRelease { version } }`, {}, coordinator);
  ({
    release: {
      table: { cellCount },
    },
  } = await server.ok(`{ release { table(name: "themes-by-format") { cellCount } } }`));
}, 60_000);
afterAll(() => server.stop());

const PATH = '/exports/releases/latest/themes-by-format.csv';
const pull = (key: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${PATH}`, { headers: { authorization: `Bearer ${key}`, ...headers } });

describe('exports and the API budget', () => {
  it('charges each export a point per figure, from the same budget as GraphQL, then answers 429 with Retry-After', async () => {
    const key = await server.apiKey(Role.COUNCIL_READER);
    const cost = 1 + cellCount;
    expect(cost).toBeLessThan(POINTS / 2);

    const first = await pull(key);
    expect(first.status).toBe(200);
    await first.text();
    expect(first.headers.get('ratelimit-limit')).toBe(String(POINTS));
    expect(Number(first.headers.get('ratelimit-remaining'))).toBe(POINTS - cost);

    // A conditional pull of an unchanged table costs one point.
    const unchanged = await pull(key, { 'if-none-match': first.headers.get('etag')! });
    expect(unchanged.status).toBe(304);
    expect(Number(unchanged.headers.get('ratelimit-remaining'))).toBe(POINTS - cost - 1);

    let reply: Response;
    let pulls = 1;
    for (;;) {
      reply = await pull(key);
      if (reply.status !== 200) break;
      await reply.text();
      pulls++;
    }
    expect(pulls).toBe(Math.floor((POINTS - 1) / cost));
    expect(reply.status).toBe(429);
    const retryAfter = Number(reply.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const [error] = ((await reply.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors;
    expect(error?.extensions.code).toBe('RATE_LIMITED');
    expect(error?.message).toContain(`costs ${cellCount} points`);

    // The key's GraphQL requests draw on what the exports left: a page of cells no longer fits.
    const left = Number(reply.headers.get('ratelimit-remaining'));
    expect(left).toBeLessThan(cost);
    const small = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ release { version } }' }),
    });
    const { rateLimit } = ((await small.json()) as { extensions: { rateLimit: { remaining: number; cost: number } } })
      .extensions;
    expect(rateLimit.remaining).toBe(left - rateLimit.cost);
    const page = await server.gql(
      `{ release { table(name: "themes-by-format") { cells(first: 100) { edges { node { value } } } } } }`,
      {},
      key,
    );
    expect(codeOf(page)).toBe('RATE_LIMITED');

    // Another key's budget is its own.
    expect((await pull(await server.apiKey(Role.COUNCIL_READER))).status).toBe(200);
  }, 60_000);

  it('charges a point for a pull without a valid key, by address', async () => {
    const reply = await fetch(`${server.url}${PATH}`);
    expect(reply.status).toBe(401);
    expect(Number(reply.headers.get('ratelimit-remaining'))).toBeLessThan(POINTS);
  });
});
