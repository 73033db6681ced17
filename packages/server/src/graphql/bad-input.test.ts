import { codeOf, fieldOf, SUBMIT, TestServer, type GraphQLResult } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

/**
 * A refusal a client can act on: BAD_USER_INPUT naming `field`, and nothing ran. Refused before
 * execution it is HTTP 400; by a resolver, 200 as every GraphQL result; never a 5xx.
 */
function expectRefused(result: GraphQLResult, field: string): void {
  expect({ code: codeOf(result), field: fieldOf(result) }).toEqual({ code: 'BAD_USER_INPUT', field });
  expect([200, 400]).toContain(result.status);
  expect(result.data ?? null).toBeNull();
}

async function post(body: Record<string, unknown>, token = server.adminToken): Promise<GraphQLResult> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

describe('operationName', () => {
  const TWO = 'query A { __typename } query B { __typename }';

  it('is required when the document holds several operations', async () => {
    expectRefused(await post({ query: TWO }), 'operationName');
  });

  it('must name an operation of the document', async () => {
    expectRefused(await post({ query: TWO, operationName: 'C' }), 'operationName');
    expectRefused(await post({ query: '{ __typename }', operationName: 'Nope' }), 'operationName');
  });

  it('picks the operation it names', async () => {
    const result = await post({ query: TWO, operationName: 'B' });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ __typename: 'Query' });
  });
});

describe('a NUL character in any string', () => {
  it('is refused in a variable, naming the argument (sign-in email)', async () => {
    const login = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
    expectRefused(await server.gql(login, { e: 'admin@test.chorus\u0000', p: 'x' }), 'email');
  });

  it('is refused inside an input object, naming the path (a batch of responses)', async () => {
    const sessionId = await server.createSession();
    const before = await server.count('responses');
    const result = await server.submit(sessionId, [
      { prompt: 'VALUES', text: 'fine' },
      { prompt: 'VALUES', text: 'not\u0000fine' },
    ]);
    expectRefused(result, 'responses.1.text');
    expect(await server.count('responses')).toBe(before);
  });

  it('is refused in an inline literal the same way', async () => {
    const before = await server.count('sessions');
    const result = await server.gql(
      `mutation { createSession(input: { title: "Tea\\u0000party", format: WORKSHOP, startsAt: "2026-06-14T10:00:00Z" }) { id } }`,
      {},
      server.adminToken,
    );
    expectRefused(result, 'title');
    expect(await server.count('sessions')).toBe(before);
    const search = await server.gql(
      `{ sessions(filter: { search: "a\\u0000" }) { totalCount } }`,
      {},
      server.adminToken,
    );
    expectRefused(search, 'filter.search');
  });

  it('is refused in a participant code lookup', async () => {
    const result = await server.gql(
      `query($c: String!) { participantByCode(code: $c) { id } }`,
      { c: 'ABC\u0000' },
      server.adminToken,
    );
    expectRefused(result, 'code');
  });
});

describe('DateTime', () => {
  const CREATE = `mutation($i: CreateSessionInput!) { createSession(input: $i) { id } }`;

  it.each(['2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-06-14T25:00:00Z', '2026-06-14', 'soon'])(
    'refuses %p in a variable as BAD_USER_INPUT naming the field',
    async (startsAt) => {
      const result = await server.gql(
        CREATE,
        { i: { title: 'When?', format: 'WORKSHOP', startsAt } },
        server.adminToken,
      );
      expectRefused(result, 'startsAt');
    },
  );

  it('refuses an impossible date in an inline literal', async () => {
    const result = await server.gql(
      `mutation { createSession(input: { title: "When?", format: WORKSHOP, startsAt: "2026-13-01T00:00:00Z" }) { id } }`,
      {},
      server.adminToken,
    );
    expect(result.status).toBe(400);
    expectRefused(result, 'startsAt');
  });
});

describe('cursors', () => {
  const SESSIONS = `query($after: String) { sessions(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;
  const USERS = `query($after: String) { users(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;

  beforeAll(async () => {
    await server.createSession();
    await server.createSession();
  });

  it('page on through the list that issued them', async () => {
    const first = (await server.ok(SESSIONS)).sessions;
    const second = (await server.ok(SESSIONS, { after: first.pageInfo.endCursor })).sessions;
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
  });

  it('are refused by another list', async () => {
    const { endCursor } = (await server.ok(SESSIONS)).sessions.pageInfo;
    expectRefused(await server.gql(USERS, { after: endCursor }, server.adminToken), 'after');
  });

  it.each([
    ['home-made, as cursors used to be made', Buffer.from('["not a date","not-a-uuid"]').toString('base64url')],
    ['with a forged signature', `${Buffer.from('["x","y"]').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`],
    ['that is not a cursor at all', '!!!'],
  ])('are refused when %s', async (_what, after) => {
    expectRefused(await server.gql(SESSIONS, { after }, server.adminToken), 'after');
  });
});

describe('a document of several mistakes', () => {
  it('never leaves as a 5xx', async () => {
    const result = await server.gql(SUBMIT, { i: 'not an object' }, server.adminToken);
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });
});
