import { TestServer } from '../test/harness';

/** A raw POST: the test compares bodies exactly as a client receives them. */
async function post(server: TestServer, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown; extensions?: unknown };
  // The API budget's remaining points change with every request; the rest must not.
  return { status: response.status, data: body.data, errors: body.errors };
}

// Queries run from a compiled plan (graphql/compiled-execution.ts) from their first execution;
// these check what a client sees of that: the same answer each time, errors shaped as ever.
describe('queries from a compiled plan', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('answers a repeated query the same each time, partial errors with their code, field, path and place', async () => {
    const sessionId = await server.createSession();
    const query = `query Two($id: ID!) {
      found: session(id: $id) { id title }
      missing: session(id: "not-an-id") { id }
    }`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(server, query, { id: sessionId }, server.adminToken));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // `missing` is non-null, so its error nulls the whole answer, as graphql-js does.
    expect(answers[0]).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: 'id is not a valid id',
          locations: [{ line: 3, column: 7 }],
          path: ['missing'],
          extensions: { code: 'BAD_USER_INPUT', field: 'id' },
        },
      ],
    });
  });

  it('reads a lazily counted total only when selected, and the same total each time', async () => {
    await server.createSession();
    const query = '{ sessions(first: 1) { totalCount edges { node { id } } } }';
    const first = await post(server, query, {}, server.adminToken);
    expect(first.errors).toBeUndefined();
    expect((first.data as { sessions: { totalCount: number } }).sessions.totalCount).toBeGreaterThanOrEqual(1);
    expect(await post(server, query, {}, server.adminToken)).toEqual(first);
  });

  it('refuses a variable that does not coerce as before, naming it', async () => {
    const query = 'query One($id: ID!) { session(id: $id) { id } }';
    for (let i = 0; i < 2; i++) {
      const answer = await post(server, query, { id: { not: 'an id' } }, server.adminToken);
      expect(answer.status).toBe(400);
      expect(answer.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }) }),
      ]);
    }
  });

  it('still refuses a caller who may not read, with the same error on every execution', async () => {
    const query = '{ sessions(first: 1) { edges { node { id } } } }';
    const first = await post(server, query, {});
    expect(await post(server, query, {})).toEqual(first);
    expect(first.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  });
});
