import { Role } from '@chorus/shared';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { TestServer } from '../test/harness';
import { getSchema } from './schema';

/**
 * Schema-driven fuzzing: arbitrary arguments for every root query and mutation, as variables or
 * inline literals, sent over HTTP as an admin, a partner and anonymously. Whatever is sent, the
 * answer is never a 5xx or INTERNAL_SERVER_ERROR, a BAD_USER_INPUT names its field, and a call
 * that failed changed no row. FUZZ_SEED and FUZZ_RUNS vary the run; CI uses the defaults.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const TABLES = [
  'api_keys',
  'areas',
  'codings',
  'consent_events',
  'organisations',
  'participants',
  'responses',
  'sessions',
  'submissions',
  'suggestion_runs',
  'theme_candidates',
  'themes',
  'users',
];

jest.setTimeout(180_000);

let server: TestServer;
let tokens: Record<'admin' | 'partner' | 'anonymous', string | undefined>;
let knownIds: string[] = [];

beforeAll(async () => {
  server = await TestServer.start();
  const organisationId = await server.createOrganisation();
  const partner = await server.userWithRole(Role.PARTNER, organisationId);
  tokens = { admin: server.adminToken, partner: partner.token, anonymous: undefined };
  const sessionId = await server.createSession();
  const participantId = await server.registerParticipant(server.adminToken, { sessionId });
  const submitted = await server.submit(sessionId, [{ prompt: 'VALUES', text: 'The canal path', participantId }]);
  const theme = await server.ok(`mutation { createTheme(input: { name: "Transport" }) { id } }`);
  knownIds = [
    organisationId,
    partner.id,
    sessionId,
    participantId,
    await server.createArea(),
    submitted.data.submitResponses.responses[0].id,
    theme.createTheme.id,
  ];
});
afterAll(() => server.stop());

/** Strings an attacker would try: NUL, unicode, huge, ids real and fake, dates, cursors. */
const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    // NUL most often: PostgreSQL refuses it, so it is the string most likely to reach a 5xx.
    { weight: 4, arbitrary: fc.string({ maxLength: 10 }).map((text) => `${text}\u0000${text}`) },
    fc.constantFrom('', ' ', '\u0000', '\ud800', 'x'.repeat(10_001), '🏳️‍🌈'.repeat(50), "'; DROP TABLE users; --"),
    fc.constantFrom(...knownIds),
    fc.uuid(),
    fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'),
    fc.constantFrom('2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-06-14T10:00:00Z', '0000-01-01T00:00:00Z'),
    fc.constantFrom('WyJ4IiwieSJd', 'WyJ4IiwieSJd.AAAAAAAAAAAAAAAAAAAAAA', 'admin@test.chorus', '%00', '\\u0000'),
  );

const hostileNumber = () =>
  fc.oneof(
    fc.integer(),
    fc.constantFrom(0, -1, 1, 100, 101, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, 0.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

/** A value a real client would send for a leaf named `name`, so calls get past the first check. */
function plausibleLeaf(type: GraphQLInputType, name: string): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((value) => value.name));
  if (named.name === 'Int' || named.name === 'Float') return fc.integer({ min: 1, max: 20 });
  if (named.name === 'Boolean') return fc.boolean();
  if (named.name === 'DateTime') return fc.constantFrom('2026-06-14T10:00:00Z', '2026-07-01T18:30:00+01:00');
  if (named.name === 'ID' || /Ids?$|^id$/.test(name)) return fc.constantFrom(...knownIds);
  if (/email/i.test(name)) return fc.constantFrom('admin@test.chorus', 'someone@example.org');
  return fc.constantFrom('Transport', 'The 24 bus is late', 'en', 'v1', 'A long-enough password 1');
}

/** A value for `type`: mostly plausible, with hostile leaves and wrong shapes mixed in. */
function valueFor(type: GraphQLInputType, name: string, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(hostileString(), hostileNumber(), fc.boolean(), fc.constant({}), fc.constant([]));
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 19, arbitrary: valueFor(type.ofType, name, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const right = (): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(valueFor(type.ofType, name, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      if (depth > 3) return fc.constant({});
      return fc.record(
        Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, field.name, depth + 1)])),
        { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
      );
    }
    const hostile = isEnumType(type)
      ? fc.constantFrom('NOPE', type.getValues()[0]!.name.toLowerCase())
      : type.name === 'Int' || type.name === 'Float'
        ? hostileNumber()
        : type.name === 'Boolean'
          ? fc.boolean()
          : hostileString();
    return fc.oneof({ weight: 5, arbitrary: plausibleLeaf(type, name) }, { weight: 2, arbitrary: hostile });
  };
  return fc.oneof(
    { weight: 16, arbitrary: right() },
    { weight: 1, arbitrary: wrong },
    { weight: 2, arbitrary: fc.constant(null) },
  );
}

/** `value` as a GraphQL literal of `type`, where it can be written as one (enums bare). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const item = isNonNullType(type) ? type.ofType : type;
    return `[${value.map((element) => literal(element, isListType(item) ? item.ofType : item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return `{ ${entries.map(([key, inner]) => `${key}: ${literal(inner, fields[key]?.type ?? named)}`).join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && /^[_A-Za-z]\w*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

/** A cheap selection that still makes every leaf of the result type serialise. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  const leaves = isObjectType(type)
    ? Object.values((type as GraphQLObjectType).getFields())
        .filter((inner) => isScalarType(getNamedType(inner.type)) || isEnumType(getNamedType(inner.type)))
        .filter((inner) => inner.args.length === 0)
        .map((inner) => inner.name)
    : [];
  return `{ __typename ${leaves.join(' ')} }`;
}

interface Call {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  caller: keyof typeof tokens;
  inline: boolean;
  args: Record<string, unknown>;
}

/** One arbitrary call per root field. */
function callsOf(): fc.Arbitrary<Call>[] {
  const schema = getSchema();
  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ operation: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ operation: 'mutation' as const, field })),
  ];
  return roots.map(({ operation, field }) =>
    fc.record({
      operation: fc.constant(operation),
      field: fc.constant(field),
      caller: fc.constantFrom('admin' as const, 'partner' as const, 'anonymous' as const),
      inline: fc.boolean(),
      args: fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type, arg.name)])), {
        requiredKeys: [],
      }),
    }),
  );
}

function documentOf(call: Call): { query: string; variables: Record<string, unknown> } {
  const args = call.field.args.filter((arg) => arg.name in call.args);
  const selection = selectionOf(call.field);
  if (call.inline) {
    const list = args.map((arg) => `${arg.name}: ${literal(call.args[arg.name], arg.type)}`).join(', ');
    return { query: `${call.operation} { ${call.field.name}${list ? `(${list})` : ''} ${selection} }`, variables: {} };
  }
  const definitions = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const uses = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return {
    query: `${call.operation}${definitions ? `(${definitions})` : ''} { ${call.field.name}${uses ? `(${uses})` : ''} ${selection} }`,
    variables: call.args,
  };
}

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await server.dataSource.query(
    `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  return row;
}

it(`answers ${RUNS} hostile calls over every root field with no 5xx, no internal error, and no partial write`, async () => {
  const arbitraries = callsOf();
  // Every root field once, then RUNS drawn from them all: a field added to the schema never pushes another out.
  const calls = [
    ...arbitraries.map((arbitrary, i) => fc.sample(arbitrary, { seed: SEED + i, numRuns: 1 })[0]!),
    ...fc.sample(fc.oneof(...arbitraries), { seed: SEED, numRuns: RUNS }),
  ];
  const problems: string[] = [];
  const fieldsCalled = new Set<string>();
  for (const call of calls) {
    fieldsCalled.add(call.field.name);
    const { query, variables } = documentOf(call);
    const before = call.operation === 'mutation' ? await rowCounts() : undefined;
    const token = tokens[call.caller];
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
    const errors = body.errors ?? [];
    const what = `${call.caller} ${query.slice(0, 300)} ${JSON.stringify(variables).slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
    if (response.status >= 500) problems.push(`HTTP ${response.status}: ${what}`);
    if (errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')) problems.push(`internal: ${what}`);
    if (errors.some((error) => error.extensions?.code === 'BAD_USER_INPUT' && !error.extensions.field)) {
      problems.push(`BAD_USER_INPUT without field: ${what}`);
    }
    if (before && errors.length > 0) {
      const after = await rowCounts();
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`partial write: ${what}`);
    }
  }
  // Every root field was tried, so a new one cannot slip past the fuzzer.
  const schema = getSchema();
  const roots = [
    ...Object.keys(schema.getQueryType()!.getFields()),
    ...Object.keys(schema.getMutationType()!.getFields()),
  ];
  expect(roots.filter((name) => !fieldsCalled.has(name))).toEqual([]);
  expect(problems).toEqual([]);
});
