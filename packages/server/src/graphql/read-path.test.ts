import { databaseUrl } from '../test/database';
import { Role } from '@chorus/shared';
import { PASSWORD, TestServer } from '../test/harness';
import { WireStatements } from '../test/wire-statements';

/** The statements one request sends to PostgreSQL, read off the wire, and its answer. */
async function measured(server: TestServer, wire: WireStatements, query: string, variables = {}, token?: string) {
  // One request first, so the token is known and the pool warm: steady state is what is counted.
  await server.ok(query, variables, token ?? server.adminToken);
  wire.take();
  const data = await server.ok(query, variables, token ?? server.adminToken);
  return { data, statements: wire.take() };
}

const SESSION = `query($id: ID!) { session(id: $id) { id title } }`;
const SESSIONS = `{ sessions(first: 50) { edges { node { id title organisation { id name } area { id name } responseCount participantCount } } } }`;
const RESPONSES_OF_SESSION = `query($s: ID!) { responses(first: 100, filter: { sessionId: $s }) {
  edges { node { id text participant { id code } session { id title } codings { id theme { id name } } } } } }`;
const RESPONSES_BY_FRAGMENTS = `query($s: ID!) { responses(first: 100, filter: { sessionId: $s }) {
  edges { node { ...Said ... on Response { codings { id ...Coded } } } } } }
  fragment Said on Response { id text participant { id code } session { id title } }
  fragment Coded on Coding { theme { id name } }`;
const RESPONSES = `{ responses(first: 100) { pageInfo { hasNextPage } edges { node { id text session { id } } } } }`;

describe('the read path', () => {
  const direct = new URL(databaseUrl('postgres'));
  const wire = new WireStatements(direct.hostname, Number(direct.port || 5432));
  let server: TestServer;
  let sessionId: string;

  beforeAll(async () => {
    server = await TestServer.start({ wire });
    const areaId = await server.createArea();
    const organisationId = await server.createOrganisation();
    sessionId = await server.createSession(server.adminToken, { areaId, organisationId });
    const participantId = await server.registerParticipant(server.adminToken, { sessionId });
    const submitted = await server.submit(sessionId, [
      { participantId, prompt: 'VALUES', text: 'The park' },
      { prompt: 'FUTURE', text: 'More buses' },
    ]);
    const theme = await server.ok(`mutation { createTheme(input: { name: "Transport" }) { id } }`);
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: submitted.data.submitResponses.responses[1].id,
      t: theme.createTheme.id,
    });
  });
  afterAll(() => server?.stop());

  describe('sends few statements per request, authentication and rate limiting included', () => {
    it.each([
      ['session(id)', SESSION, 1],
      ['sessions with organisation, area and counts', SESSIONS, 2],
      // The page's statement reads the children the query selects (graphql/look-ahead.ts).
      ['responses of a session with participant, session and coded themes', RESPONSES_OF_SESSION, 1],
      ['the same through fragments', RESPONSES_BY_FRAGMENTS, 1],
      ['responses of the whole engagement', RESPONSES, 1],
    ])('%s', async (_name, query, most) => {
      const { statements } = await measured(server, wire, query, { id: sessionId, s: sessionId });
      expect(statements.length).toBeLessThanOrEqual(most);
      // No transaction, no session settings, no look-up of the caller or of the rate-limit table.
      expect(statements.filter((sql) => /^\s*(BEGIN|COMMIT|ROLLBACK|SET|START)/i.test(sql))).toEqual([]);
      expect(statements.filter((sql) => /\b(users|user_sessions|api_keys|rate_limits)\b/.test(sql))).toEqual([]);
    });
  });

  it("reads a session list's response and participant counts in the page's own statement", async () => {
    const query = `{ sessions(first: 50) { edges { node { id responseCount participantCount } } } }`;
    const { data, statements } = await measured(server, wire, query);
    expect(statements).toHaveLength(1);
    const node = data.sessions.edges.find(({ node }: { node: { id: string } }) => node.id === sessionId).node;
    expect(node).toEqual({ id: sessionId, responseCount: 2, participantCount: 1 });
  });

  it('batches reads the caller may not make with those it may: an analyst sees a response, its session and codings, and no participant', async () => {
    const { token } = await server.userWithRole(Role.ANALYST);
    const page = await server.ok(
      `query($s: ID!) { responses(first: 10, filter: { sessionId: $s }) { edges { node { id participant { id } session { id } codings { theme { name } } } } } }`,
      { s: sessionId },
      token,
    );
    const nodes = page.responses.edges.map(({ node }: { node: Record<string, unknown> }) => node);
    expect(nodes).toHaveLength(2);
    for (const node of nodes) expect(node).toMatchObject({ participant: null, session: { id: sessionId } });
    expect(nodes.flatMap((node: { codings: { theme: { name: string } }[] }) => node.codings)).toEqual([
      { theme: { name: 'Transport' } },
    ]);
  });

  describe('totalCount', () => {
    it('is not counted unless selected', async () => {
      const { statements } = await measured(server, wire, RESPONSES);
      expect(statements.filter((sql) => /count\(/i.test(sql))).toEqual([]);
    });

    it('is exact when selected, for the whole engagement, a session, and a narrower filter, without reading responses', async () => {
      const other = await server.createSession();
      await server.submit(other, [{ prompt: 'BELONGING', text: 'The market' }]);
      const count = `query($f: ResponseFilter) { responses(first: 1, filter: $f) { totalCount } }`;
      const total = (filter: object | null) => measured(server, wire, count, { f: filter });
      const whole = await total(null);
      expect(whole.data.responses.totalCount).toBe(await server.count('responses'));
      // Read off the per-session counter, not by counting the responses.
      expect(whole.statements.filter((sql) => /count\(/i.test(sql))).toEqual([]);
      expect((await total({ sessionId: other })).data.responses.totalCount).toBe(1);
      expect((await total({ prompt: 'BELONGING' })).data.responses.totalCount).toBe(
        await server.count('responses', `prompt = 'BELONGING'`),
      );
    });

    it('follows erasure: the counter falls with the responses it counted', async () => {
      const session = await server.createSession();
      const participantId = await server.registerParticipant(server.adminToken, { sessionId: session });
      await server.submit(session, [
        { participantId, prompt: 'VALUES', text: 'One' },
        { participantId, prompt: 'FUTURE', text: 'Two' },
        { prompt: 'FUTURE', text: 'Group note' },
      ]);
      const count = `query($s: ID!) { responses(filter: { sessionId: $s }) { totalCount } session(id: $s) { responseCount } }`;
      expect(await server.ok(count, { s: session })).toEqual({
        responses: { totalCount: 3 },
        session: { responseCount: 3 },
      });
      await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { __typename } }`, { id: participantId });
      expect(await server.ok(count, { s: session })).toEqual({
        responses: { totalCount: 1 },
        session: { responseCount: 1 },
      });
    });
  });
});

/** Sends `query` until `done` holds for the answer; fails if that takes longer than `boundMs`. */
async function within<T>(boundMs: number, send: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const answer = await send();
    if (done(answer)) return answer;
    if (Date.now() - started > boundMs) throw new Error(`still not so after ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The documented bound (docs/api.md): a token stays usable at most 5 s after it is revoked anywhere. */
const REVOCATION_BOUND_MS = 5_000;
const ME = `{ me { id } }`;

describe('two instances of one install', () => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    first = await TestServer.start();
    second = await first.sibling();
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const refused = (answer: { status: number }) => answer.status === 401;

  it('a sign-out on one instance ends the session on the other within the bound', async () => {
    const { token } = await first.userWithRole(Role.ANALYST);
    // The other instance has seen, and so remembers, the token.
    expect((await second.gql(ME, {}, token)).status).toBe(200);
    await first.ok(`mutation { logout }`, {}, token);
    expect((await first.gql(ME, {}, token)).status).toBe(401);
    await within(REVOCATION_BOUND_MS + 2_000, () => second.gql(ME, {}, token), refused);
  });

  it('disabling a user on one instance shuts them out of the other within the bound', async () => {
    const { id, token } = await first.userWithRole(Role.FACILITATOR);
    expect((await second.gql(ME, {}, token)).status).toBe(200);
    await first.ok(`mutation($id: ID!) { disableUser(id: $id) { id } }`, { id });
    await within(REVOCATION_BOUND_MS + 2_000, () => second.gql(ME, {}, token), refused);
  });

  it('a password change on one instance ends older sessions on the other within the bound', async () => {
    const { token } = await first.userWithRole(Role.COORDINATOR);
    expect((await second.gql(ME, {}, token)).status).toBe(200);
    await first.ok(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`,
      { c: PASSWORD, n: 'another-long-test-password-42' },
      token,
    );
    await within(REVOCATION_BOUND_MS + 2_000, () => second.gql(ME, {}, token), refused);
  });

  it('a revoked API key stops working on the other instance within the bound', async () => {
    const key = await first.apiKey(Role.COUNCIL_READER);
    expect((await second.gql(`{ viewer { role } }`, {}, key)).status).toBe(200);
    const { apiKeys } = await first.ok(`{ apiKeys { edges { node { id } } } }`);
    for (const { node } of apiKeys.edges)
      await first.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: node.id });
    await within(REVOCATION_BOUND_MS + 2_000, () => second.gql(`{ viewer { role } }`, {}, key), refused);
  });
});

describe('the API budget across two instances', () => {
  const LIMITS = {
    pointsPerMinute: 200,
    anonymousPointsPerMinute: 100_000,
    signIn: { perIp: 1_000, perAccountIp: 1_000, perAccount: 1_000 },
  };
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    first = await TestServer.start({ rateLimits: LIMITS });
    second = await first.sibling();
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('is shared: a budget spent on one instance is refused on the other once they settle (each second)', async () => {
    const { token } = await first.userWithRole(Role.ANALYST);
    const query = `{ areas { id } }`;
    let admitted = 0;
    while ((await first.gql(query, {}, token)).status === 200) admitted++;
    expect(admitted).toBeLessThanOrEqual(LIMITS.pointsPerMinute);
    // The other instance admits at most what it charges before its next settlement, then refuses.
    let admittedElsewhere = 0;
    await within(
      5_000,
      () => second.gql(query, {}, token),
      (answer) => {
        if (answer.status === 200) admittedElsewhere++;
        return answer.status === 429;
      },
    );
    expect(admittedElsewhere).toBeLessThan(LIMITS.pointsPerMinute);
    expect((await first.gql(query, {}, token)).status).toBe(429);
  });
});
