import { Role } from '@chorus/shared';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { codeOf, fieldOf, SUBMIT, TestServer } from '../test/harness';

/** A raw POST, so the test sees the body exactly as a client would. */
async function post(server: TestServer, query: string, token?: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, keys));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      keysOf(inner, keys);
    }
  }
  return keys;
}

/** Runs `work` with the areas table out from under the server: any read of it fails inside the database. */
async function withAreasTableGone<T>(server: TestServer, work: () => Promise<T>): Promise<T> {
  await server.dataSource.query('ALTER TABLE areas RENAME TO areas_gone');
  try {
    return await work();
  } finally {
    await server.dataSource.query('ALTER TABLE areas_gone RENAME TO areas');
  }
}

const AREAS = '{ areas { id name population } }';
const INTROSPECTION = '{ __schema { types { name } } }';

describe('production mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ production: true });
  });
  afterAll(() => server.stop());

  it('hides everything about an internal error but its code', async () => {
    await server.createArea();
    const broken = await withAreasTableGone(server, () => post(server, AREAS, server.adminToken));
    expect(broken.body.errors).toHaveLength(1);
    const [error] = broken.body.errors;
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
    expect(broken.body.data ?? null).toBeNull();
    expect(keysOf(broken.body).has('stacktrace')).toBe(false);
    expect(Object.keys(error.extensions)).toEqual(['code']);
    for (const leak of [
      'areas_gone',
      'relation',
      'SELECT',
      'QueryFailedError',
      'does not exist',
      'node_modules',
      '.ts:',
      'at ',
    ]) {
      expect(broken.text).not.toContain(leak);
    }

    // The same query works once the table is back: the failure above was the database's.
    const healed = await post(server, AREAS, server.adminToken);
    expect(healed.body.errors).toBeUndefined();
    expect(healed.body.data.areas.length).toBeGreaterThanOrEqual(1);
  });

  it('still tells clients what they got wrong', async () => {
    const notFound = await server.gql(
      '{ session(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      server.adminToken,
    );
    expect(codeOf(notFound)).toBe('NOT_FOUND');
    expect(notFound.errors?.[0]?.message).not.toBe('Internal server error');

    const unknownField = await server.gql('{ areas { id nonsense } }', {}, server.adminToken);
    expect(codeOf(unknownField)).toBe('BAD_USER_INPUT');
    expect(unknownField.errors?.[0]?.message).toContain('nonsense');

    const anonymous = await server.gql(AREAS);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('reports a bad variable as BAD_USER_INPUT, not a masked internal error', async () => {
    const sessionId = await server.createSession();
    const result = await server.gql(
      SUBMIT,
      { i: { sessionId, idempotencyKey: 'prod-bad-enum', responses: [{ prompt: 'NOPE', text: 'x' }] } },
      server.adminToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('responses.0.prompt');
    expect(result.errors?.[0]?.message).not.toBe('Internal server error');
  });

  it('refuses introspection to anonymous callers', async () => {
    const schema = await post(server, INTROSPECTION);
    expect(schema.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(schema.body.data ?? null).toBeNull();
    expect(schema.text).not.toContain('Participant');

    const type = await post(server, '{ __type(name: "Participant") { fields { name } } }');
    expect(type.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(type.text).not.toContain('consentLedger');

    // Hiding the schema does not stop anonymous callers from asking ordinary questions.
    const typename = await post(server, '{ __typename }');
    expect(typename.body).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('lets signed-in callers introspect', async () => {
    const admin = await post(server, INTROSPECTION, server.adminToken);
    expect(admin.body.errors).toBeUndefined();
    const names = admin.body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Session', 'Participant', 'Response']));

    const analyst = await server.userWithRole(Role.ANALYST);
    const type = await post(server, '{ __type(name: "Participant") { fields { name } } }', analyst.token);
    expect(type.body.errors).toBeUndefined();
    expect(type.body.data.__type.fields.map((f: { name: string }) => f.name)).toContain('consentLedger');
  });

  it("answers the standard tools' full introspection query (codegen, Postman, Rover) to staff and API keys", async () => {
    const partner = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    for (const token of [server.adminToken, partner]) {
      const result = await post(server, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }), token);
      expect(result.body.errors).toBeUndefined();
      const schema = buildClientSchema(result.body.data);
      expect(schema.getType('Session')).toBeDefined();
    }
    const anonymous = await post(server, getIntrospectionQuery());
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.text).not.toContain('Participant');
  });

  it('suggests no field names to anyone: "Did you mean" would map the schema', async () => {
    const misspelt = await post(server, '{ sesions(first: 1) { totalCount } }');
    expect(misspelt.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(misspelt.text).not.toMatch(/did you mean/i);
    expect(misspelt.text).not.toContain('"sessions"');
    const badEnum = await post(
      server,
      'mutation { createSession(input: { title: "x", format: WORKSHOPP, startsAt: "2026-06-14T10:00:00Z" }) { id } }',
    );
    expect(badEnum.text).not.toMatch(/did you mean|WORKSHOP"/i);
  });

  it('refuses introspection to a caller whose token is forged', async () => {
    const forged = `${server.adminToken.slice(0, -4)}AAAA`;
    const result = await post(server, INTROSPECTION, forged);
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.body.data ?? null).toBeNull();
  });
});

describe('development mode (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('shows the real message of an internal error, still with its code', async () => {
    const broken = await withAreasTableGone(server, () => post(server, AREAS, server.adminToken));
    const [error] = broken.body.errors;
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toBe('Internal server error');
    expect(error.message).toMatch(/relation "areas" does not exist/);
  });

  it('lets anonymous callers introspect', async () => {
    const result = await post(server, INTROSPECTION);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.__schema.types.map((t: { name: string }) => t.name)).toContain('Session');
  });

  it('keeps contract codes on ordinary errors', async () => {
    expect(codeOf(await server.gql(AREAS))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql('{ areas { nonsense } }', {}, server.adminToken))).toBe('BAD_USER_INPUT');
  });
});
