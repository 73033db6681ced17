import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { Role } from '@chorus/shared';
import { PASSWORD, TestServer } from '../test/harness';
import type { RateLimitSettings } from './rate-limits';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether Redis answers, decided before the suites are declared so an absent Redis is a visible skip. */
function redisReachable(): boolean {
  const { hostname, port } = new URL(REDIS_URL);
  const probe = `require('net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(1000, () => process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

const LIMITS: RateLimitSettings = {
  pointsPerMinute: 300,
  anonymousPointsPerMinute: 100_000,
  signIn: { perIp: 30, perAccountIp: 5, perAccount: 12 },
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[]; extensions?: any };
}

/** One GraphQL POST sent from `from` (any 127.x address reaches the test server), as a client elsewhere would. */
function post(server: TestServer, query: string, variables: object, from: string, token?: string): Promise<Reply> {
  const url = new URL(`${server.url}/graphql`);
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
const code = (reply: Reply) => reply.body.errors?.[0]?.extensions?.code;

const describeRedis = redisReachable() ? describe : describe.skip;

describe.each([
  ['PostgreSQL', describe, undefined],
  ['Redis', describeRedis, REDIS_URL],
] as const)('rate limits with counters in %s', (_store, describeStore, redisUrl) => {
  describeStore('', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await TestServer.start({ rateLimits: LIMITS, redisUrl });
    });
    afterAll(() => server?.stop());

    async function newUser(): Promise<string> {
      const email = `${server.unique('person').replace(' ', '-')}@test.chorus`;
      await server.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
        i: { email, displayName: 'Throttled person', role: Role.ANALYST, password: PASSWORD },
      });
      return email;
    }

    const login = (email: string, password: string, from: string) =>
      post(server, LOGIN, { e: email, p: password }, from);

    describe('sign-in', () => {
      it('lets no more than the limit of a burst of 50 concurrent wrong passwords reach verification', async () => {
        const email = await newUser();
        const replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) => login(email, `wrong-password-${i}`, '127.0.0.10')),
        );
        const verified = replies.filter((reply) => code(reply) === 'UNAUTHENTICATED');
        const refused = replies.filter((reply) => code(reply) === 'RATE_LIMITED');
        expect(verified).toHaveLength(LIMITS.signIn.perAccountIp);
        expect(refused).toHaveLength(50 - LIMITS.signIn.perAccountIp);
        for (const reply of refused) {
          expect(reply.status).toBe(429);
          expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
          expect(reply.body.data ?? null).toBeNull();
        }
        // Refused before verification: the right password from that address is refused too.
        expect(code(await login(email, PASSWORD, '127.0.0.10'))).toBe('RATE_LIMITED');
      });

      it("does not let a stranger's failures from another address stop the owner signing in", async () => {
        const email = await newUser();
        for (let attempt = 0; attempt < LIMITS.signIn.perAccountIp + 3; attempt++) {
          await login(email, `guess-${attempt}`, '127.0.0.20');
        }
        expect(code(await login(email, PASSWORD, '127.0.0.20'))).toBe('RATE_LIMITED');
        const owner = await login(email, PASSWORD, '127.0.0.21');
        expect(owner.status).toBe(200);
        expect(owner.body.data.login.token).toMatch(/^cs_/);
      });

      it('past the per-account ceiling, still lets the owner in from a new address at the first try', async () => {
        const email = await newUser();
        // Three addresses spend their (account, IP) allowance: 15 failures, over the ceiling of 12.
        for (const from of ['127.0.0.31', '127.0.0.32', '127.0.0.33']) {
          await Promise.all(
            Array.from({ length: LIMITS.signIn.perAccountIp }, (_, i) => login(email, `guess-${i}`, from)),
          );
        }
        // A fourth address now gets one try, not five.
        expect(code(await login(email, 'guess-again', '127.0.0.34'))).toBe('UNAUTHENTICATED');
        expect(code(await login(email, 'guess-more', '127.0.0.34'))).toBe('RATE_LIMITED');
        const owner = await login(email, PASSWORD, '127.0.0.35');
        expect(owner.body.data?.login.token).toMatch(/^cs_/);
      });

      it('throttles an unknown email the same way, so throttling does not reveal who has an account', async () => {
        const codes: (string | undefined)[] = [];
        for (let attempt = 0; attempt <= LIMITS.signIn.perAccountIp; attempt++) {
          codes.push(code(await login('no-such-person@test.chorus', 'guess', '127.0.0.40')));
        }
        expect(codes).toEqual([...Array(LIMITS.signIn.perAccountIp).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
      });

      it('limits one address over every account it tries', async () => {
        const replies: Reply[] = [];
        for (let attempt = 0; attempt <= LIMITS.signIn.perIp; attempt++) {
          replies.push(await login(`sprayed-${attempt}@test.chorus`, 'guess', '127.0.0.50'));
        }
        expect(replies.slice(0, -1).every((reply) => code(reply) === 'UNAUTHENTICATED')).toBe(true);
        expect(code(replies.at(-1)!)).toBe('RATE_LIMITED');
        expect(replies.at(-1)!.status).toBe(429);
      });
    });

    describe('API budget', () => {
      const QUERY = `query { areas { id name } }`;

      it('reports the remaining budget on every response, falling by each request’s cost', async () => {
        const { token } = await server.userWithRole(Role.ANALYST);
        const first = await post(server, QUERY, {}, '127.0.0.60', token);
        const second = await post(server, QUERY, {}, '127.0.0.60', token);
        for (const reply of [first, second]) {
          expect(reply.status).toBe(200);
          expect(reply.headers['ratelimit-limit']).toBe(String(LIMITS.pointsPerMinute));
          expect(Number(reply.headers['ratelimit-reset'])).toBeGreaterThan(0);
          expect(reply.body.extensions.rateLimit).toMatchObject({ limit: LIMITS.pointsPerMinute });
        }
        const cost = first.body.extensions.rateLimit.cost;
        expect(cost).toBeGreaterThan(0);
        expect(Number(first.headers['ratelimit-remaining'])).toBe(LIMITS.pointsPerMinute - cost);
        expect(Number(second.headers['ratelimit-remaining'])).toBe(LIMITS.pointsPerMinute - 2 * cost);
        expect(second.body.extensions.rateLimit.remaining).toBe(LIMITS.pointsPerMinute - 2 * cost);
      });

      it('answers 429 with Retry-After and RATE_LIMITED once the budget is spent, per caller', async () => {
        const { token } = await server.userWithRole(Role.ANALYST);
        let reply: Reply;
        let sent = 0;
        do {
          reply = await post(server, QUERY, {}, '127.0.0.61', token);
          sent++;
        } while (reply.status === 200 && sent < LIMITS.pointsPerMinute + 1);
        expect(reply.status).toBe(429);
        expect(code(reply)).toBe('RATE_LIMITED');
        expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(reply.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(reply.headers['ratelimit-remaining']).toBeDefined();
        expect(reply.body.data ?? null).toBeNull();
        // Another caller's budget is its own.
        const other = await server.userWithRole(Role.ANALYST);
        expect((await post(server, QUERY, {}, '127.0.0.61', other.token)).status).toBe(200);
      });
    });
  });
});
