import { ErrorCode, LIMITS } from '@chorus/shared';
import { deepDocument, duplicationFlood, fragmentBomb, megabyteDocument } from '../bench/attacks';
import { codeOf, fieldOf, SUBMIT, TestServer, type GraphQLResult } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const CONTRACT_CODES: string[] = Object.values(ErrorCode);

/** Every error a client sees must carry one of the contract's codes. */
function expectContractCodes(body: unknown): void {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? [];
  for (const error of errors) expect(CONTRACT_CODES).toContain(error.extensions?.code);
}

/** A GraphQL request through the harness, checked for contract codes. */
async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  token: string | undefined = server.adminToken,
): Promise<GraphQLResult> {
  const result = await server.gql(query, variables, token);
  expectContractCodes(result);
  return result;
}

/** A raw HTTP request to /graphql; every answer must be JSON. */
async function http(init: { method?: string; body?: string; query?: string; headers?: Record<string, string> } = {}) {
  const url = `${server.url}/graphql${init.query === undefined ? '' : `?${init.query}`}`;
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // Even a refusal before GraphQL runs answers in JSON, with a contract code.
  expect(json).toBeDefined();
  expectContractCodes(json);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** `themes { children { … { id } } }`: `depth` levels of fields, counting the leaf. */
function themesOfDepth(depth: number): string {
  let selection = 'id';
  for (let level = 0; level < depth - 2; level++) selection = `children { ${selection} }`;
  return `{ themes { ${selection} } }`;
}

describe('query depth', () => {
  it(`accepts a query ${LIMITS.queryDepth} levels deep`, async () => {
    const result = await gql(themesOfDepth(LIMITS.queryDepth));
    expect(result.errors).toBeUndefined();
    expect(Array.isArray(result.data.themes)).toBe(true);
  });

  it(`refuses a query ${LIMITS.queryDepth + 1} levels deep with QUERY_TOO_COMPLEX, executing nothing`, async () => {
    const result = await gql(themesOfDepth(LIMITS.queryDepth + 1));
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(result.data ?? null).toBeNull();
    expect(result.status).toBe(400);
  });

  it('counts depth through named and inline fragments', async () => {
    // themes (1) > fragment A: `outer` children > inline fragment in B: 4 children > fragment C: id.
    const nested = (levels: number, inner: string) => `${'children { '.repeat(levels)}${inner}${' }'.repeat(levels)}`;
    const query = (outer: number) => `
      query { themes { ...A } }
      fragment A on Theme { ${nested(outer, '...B')} }
      fragment B on Theme { ... on Theme { ${nested(4, '...C')} } }
      fragment C on Theme { id }`;
    const tooDeep = await gql(query(5)); // 1 + 5 + 4 + 1 = 11 levels
    expect(codeOf(tooDeep)).toBe('QUERY_TOO_COMPLEX');
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
    expect(tooDeep.data ?? null).toBeNull();

    // One level fewer passes: the fragments themselves are not the problem.
    const ok = await gql(query(4));
    expect(ok.errors).toBeUndefined();
  });
});

describe('aliases', () => {
  const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;

  it(`accepts ${LIMITS.aliases} aliases`, async () => {
    const result = await gql(aliased(LIMITS.aliases));
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data)).toHaveLength(LIMITS.aliases);
  });

  it(`refuses ${LIMITS.aliases + 1} aliases with QUERY_TOO_COMPLEX`, async () => {
    const result = await gql(aliased(LIMITS.aliases + 1));
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
    expect(result.data ?? null).toBeNull();
  });

  it('refuses 16 aliases of a real field, not only of __typename', async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `s${i}: sessions(first: 1) { totalCount }`).join(' ')} }`;
    expect(codeOf(await gql(query))).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('query cost', () => {
  // Cost grows with the page size: the same selection is cheap on a small page, too costly on a full one.
  const EXPENSIVE = `query($first: Int) {
    responses(first: $first) {
      totalCount
      edges { node {
        id prompt text language createdAt
        session { id title format status startsAt area { id name } organisation { id name } facilitators { id displayName } responseCount participantCount }
        participant { id code ageBand consents { purpose granted recordedAt } consentLedger { id purpose granted } area { id name } }
        themes { id name parent { id name } children { id name } }
        codings { id excerpt theme { id name } coder { id displayName } }
      } }
    }
  }`;

  it('refuses a query whose estimated cost exceeds the limit, before running it', async () => {
    const result = await gql(EXPENSIVE, { first: 100 });
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
    expect(result.data ?? null).toBeNull();
    expect(result.status).toBe(400);
  });

  it('accepts the same selection on a smaller page', async () => {
    const result = await gql(EXPENSIVE, { first: 20 });
    expect(result.errors).toBeUndefined();
    expect(typeof result.data.responses.totalCount).toBe('number');
  });

  it('refuses cost spread over several cheap-looking root fields', async () => {
    const node = `id title format status startsAt area { id name } organisation { id name } facilitators { id displayName } responseCount participantCount`;
    const query = `{ ${['a', 'b', 'c'].map((alias) => `${alias}: sessions(first: 100) { edges { node { ${node} } } }`).join(' ')} }`;
    const result = await gql(query);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('runs an ordinary contract query', async () => {
    await server.createSession();
    const result = await gql(
      `query Sessions($first: Int, $after: String) {
        sessions(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id title format status organisation { id } responseCount participantCount } }
        }
      }`,
      { first: 100 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.sessions.totalCount).toBeGreaterThanOrEqual(1);
  });
});

describe('transport', () => {
  it('refuses an HTTP batch (a JSON array body) and executes none of it', async () => {
    const before = await server.count('areas');
    const createArea = (name: string) => ({
      query: `mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }`,
      variables: { i: { name } },
    });
    const response = await http({ body: JSON.stringify([createArea('Batch one'), createArea('Batch two')]) });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.json.data).toBeUndefined();
    expect(await server.count('areas')).toBe(before);
  });

  it(`refuses a body over ${LIMITS.bodyBytes} bytes with HTTP 413 and a JSON error`, async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(LIMITS.bodyBytes) } });
    const response = await http({ body });
    expect(response.status).toBe(413);
    expect(response.contentType).toMatch(/json/);
    expect(response.json.errors).toHaveLength(1);
    expect(response.json.errors[0].message).toMatch(/exceeds/i);
    expect(response.json.errors[0].message).toContain(String(LIMITS.bodyBytes));
    expect(CONTRACT_CODES).toContain(response.json.errors[0].extensions.code);
  });

  it('accepts a body just under the limit', async () => {
    const overhead = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } }).length;
    const body = JSON.stringify({
      query: '{ __typename }',
      variables: { padding: 'x'.repeat(LIMITS.bodyBytes - overhead - 10) },
    });
    const response = await http({ body });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ __typename: 'Query' });
  });

  it('answers invalid JSON with 400 BAD_USER_INPUT', async () => {
    const response = await http({ body: '{"query": "{ __typename }"' });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.json.errors[0].message).toMatch(/JSON/);
  });

  it('serves a query over GET', async () => {
    const response = await http({ method: 'GET', query: `query=${encodeURIComponent('{__typename}')}` });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('refuses a mutation over GET and runs nothing', async () => {
    const before = await server.count('areas');
    const mutation = `mutation { createArea(input: { name: "Sneaky GET area" }) { id } }`;
    const response = await http({ method: 'GET', query: `query=${encodeURIComponent(mutation)}` });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.json?.data?.createArea).toBeUndefined();
    expect(response.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.count('areas')).toBe(before);
  });
});

describe('client mistakes are BAD_USER_INPUT', () => {
  it('a syntax error', async () => {
    const result = await gql('{ sessions(first: 1) { totalCount }');
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Syntax Error/i);
  });

  it('an unknown field', async () => {
    const result = await gql('{ sessions(first: 1) { totalCount nonsense } }');
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('nonsense');
  });

  it('an unknown argument', async () => {
    const result = await gql('{ sessions(last: 1) { totalCount } }');
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
  });

  it('a bad enum value in variables, naming the path to it', async () => {
    const sessionId = await server.createSession();
    const before = await server.count('responses');
    const result = await gql(SUBMIT, {
      i: { sessionId, idempotencyKey: 'bad-enum-1', responses: [{ prompt: 'NOPE', text: 'x' }] },
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.status).toBe(400);
    expect(fieldOf(result)).toBe('responses.0.prompt');
    expect(result.data ?? null).toBeNull();

    const third = await gql(SUBMIT, {
      i: {
        sessionId,
        idempotencyKey: 'bad-enum-2',
        responses: [
          { prompt: 'VALUES', text: 'a' },
          { prompt: 'FUTURE', text: 'b' },
          { prompt: 'values', text: 'c' },
        ],
      },
    });
    expect(codeOf(third)).toBe('BAD_USER_INPUT');
    expect(fieldOf(third)).toBe('responses.2.prompt');
    expect(await server.count('responses')).toBe(before);
  });

  it('a missing required input field, naming it', async () => {
    const sessionId = await server.createSession();
    const result = await gql(SUBMIT, {
      i: {
        sessionId,
        idempotencyKey: 'missing-text',
        responses: [{ prompt: 'VALUES', text: 'a' }, { prompt: 'FUTURE' }],
      },
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.status).toBe(400);
    expect(fieldOf(result)).toBe('responses.1.text');
  });
});

describe('hostile documents', () => {
  const anonymous = (query: string) => gql(query, {}, undefined);

  it('refuses the fragment bomb (2²¹ fields in 900 bytes) as QUERY_TOO_COMPLEX', async () => {
    const bomb = fragmentBomb(21);
    expect(bomb.length).toBeLessThan(900);
    const result = await anonymous(bomb);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/fragments are expanded/);
  });

  it('accepts a fragment spread twice when the expanded query is small', async () => {
    const result = await anonymous(fragmentBomb(3));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ __typename: 'Query' });
  });

  it(`refuses a document over ${LIMITS.queryTokens} tokens before validating it`, async () => {
    const result = await anonymous(megabyteDocument());
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toContain(String(LIMITS.queryTokens));
  });

  it('refuses the same field thousands of times as QUERY_TOO_COMPLEX', async () => {
    const result = await anonymous(duplicationFlood());
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/selected \d+ times/);
  });

  it(`accepts a field repeated ${LIMITS.fieldRepeats} times`, async () => {
    const result = await anonymous(duplicationFlood(LIMITS.fieldRepeats));
    expect(result.errors).toBeUndefined();
  });

  it('refuses repeats spread over inline fragments too', async () => {
    const result = await anonymous(`{ ${'... on Query { __typename } '.repeat(LIMITS.fieldRepeats + 1)}}`);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
  });

  it.each([900, 100_000])(
    'refuses a document %p levels deep as QUERY_TOO_COMPLEX, not a stack overflow',
    async (levels) => {
      const result = await anonymous(deepDocument(levels));
      expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
      expect(result.status).toBe(400);
      expect(JSON.stringify(result)).not.toMatch(/call stack/i);
    },
  );

  it('answers in the media type asked for', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: fragmentBomb(21) }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('cost is estimated in linear time', () => {
  it('costs a fragment spread many times as often as it is spread', async () => {
    // 7 levels of doubling: 128 spreads of a page of 100 sessions; cost 128 × 101 ≫ the limit.
    const levels = 7;
    const fragments = ['fragment F0 on Query { sessions(first: 100) { totalCount } }'];
    for (let level = 1; level <= levels; level++) {
      fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
    }
    const result = await gql(`query { ...F${levels} } ${fragments.join(' ')}`);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('counts a negative page size as the largest page, not as a discount', async () => {
    const node = `id title format status startsAt area { id name } organisation { id name } facilitators { id displayName } responseCount participantCount`;
    const query = `{ cheap: sessions(first: -100000) { totalCount } ${['a', 'b', 'c'].map((alias) => `${alias}: sessions(first: 100) { edges { node { ${node} } } }`).join(' ')} }`;
    expect(codeOf(await gql(query))).toBe('QUERY_TOO_COMPLEX');
  });
});
