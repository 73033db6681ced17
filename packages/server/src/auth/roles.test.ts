import { randomBytes } from 'node:crypto';
import { Role } from '@chorus/shared';
import { consent, PASSWORD, TestServer, type GraphQLResult } from '../test/harness';

/**
 * The contract's role table, exercised: every caller against every operation (and every field
 * that is restricted on its own). An allowed caller gets its answer with no error at all; a
 * refused one gets FORBIDDEN (UNAUTHENTICATED when anonymous) and nothing changes.
 *
 * Where src/auth/roles.ts grants more than the contract's "may" column lists, the contract wins:
 * - the codebook (`themes`) is not among a FACILITATOR's rights;
 * - the partner organisations list (`organisations`) is not among a COUNCIL_READER's rights.
 * Reference data a listed right needs (areas and organisations to plan a session, the engagement
 * a consent's notice version or an aggregate's threshold belongs to) counts as part of that right.
 */

const CALLERS = [
  'ADMIN',
  'COORDINATOR',
  'FACILITATOR',
  'ANALYST',
  'PARTNER user',
  'PARTNER key',
  'COUNCIL_READER key',
  'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];

// Who may do what, from the contract's role table.
const SIGNED_IN: readonly Caller[] = CALLERS.filter((caller) => caller !== 'anonymous');
const EVERYONE: readonly Caller[] = CALLERS;
const USERS: readonly Caller[] = ['ADMIN', 'COORDINATOR', 'FACILITATOR', 'ANALYST', 'PARTNER user'];
const ADMIN: readonly Caller[] = ['ADMIN'];
const STAFF: readonly Caller[] = ['ADMIN', 'COORDINATOR', 'FACILITATOR', 'ANALYST'];
/** Plan sessions: facilitators run the sessions they are given, they do not plan them. */
const PLAN_SESSIONS: readonly Caller[] = ['ADMIN', 'COORDINATOR', 'PARTNER user', 'PARTNER key'];
/** Sessions, participants, consents, responses (a facilitator at their sessions, a partner in its organisation). */
const FIELDWORK: readonly Caller[] = ['ADMIN', 'COORDINATOR', 'FACILITATOR', 'PARTNER user', 'PARTNER key'];
/** Analysts read responses (and the sessions they were heard at), but no participant. */
const READ_RESPONSES: readonly Caller[] = [...FIELDWORK, 'ANALYST'];
const READ_PARTICIPANTS: readonly Caller[] = FIELDWORK;
/** Themes, codings and their unsuppressed counts. */
const ANALYSIS: readonly Caller[] = ['ADMIN', 'COORDINATOR', 'ANALYST'];
/** Reading the codebook: analysis roles, partners and council systems (not facilitators). */
const CODEBOOK: readonly Caller[] = [...ANALYSIS, 'PARTNER user', 'PARTNER key', 'COUNCIL_READER key'];
/** Reports: suppressed aggregate figures. */
const AGGREGATES: readonly Caller[] = [...ANALYSIS, 'COUNCIL_READER key'];
/** Partner organisations: reference data for staff and partners; not among a council system's rights. */
const ORGANISATIONS: readonly Caller[] = SIGNED_IN.filter((caller) => caller !== 'COUNCIL_READER key');

type Variables = Record<string, unknown>;

/** What an operation needs before it runs as a caller: its variables, and a token to use instead. */
type Arranged = { variables?: Variables; token?: string };

interface Operation {
  name: string;
  allowed: readonly Caller[];
  document: string;
  /** Arranges what the call needs (as the admin); may swap in a throwaway token of the caller's kind. */
  arrange?: (caller: Caller) => Arranged | Promise<Arranged>;
  /** What a refused call must leave exactly as it was. */
  unchanged?: (variables: Variables) => Promise<unknown>;
  /** A value a refused caller must not see anywhere in the reply. */
  secret?: () => string;
}

// The contract's documents, verbatim.
const CONTRACT = {
  Login: `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id email role } }
}`,
  CreateOrganisation: `mutation CreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name sector }
}`,
  CreateApiKey: `mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id label role organisation { id } } }
}`,
  CreateArea: `mutation CreateArea($input: CreateAreaInput!) {
  createArea(input: $input) { id name population }
}`,
  CreateSession: `mutation CreateSession($input: CreateSessionInput!) {
  createSession(input: $input) { id title format status startsAt area { id name } organisation { id } }
}`,
  RegisterParticipant: `mutation RegisterParticipant($input: RegisterParticipantInput!) {
  registerParticipant(input: $input) {
    id code connections ageBand area { id }
    consents { purpose granted method noticeVersion recordedAt withdrawnAt }
  }
}`,
  WithdrawConsent: `mutation WithdrawConsent($participantId: ID!, $purpose: ConsentPurpose!) {
  withdrawConsent(participantId: $participantId, purpose: $purpose) { purpose granted withdrawnAt }
}`,
  SubmitResponses: `mutation SubmitResponses($input: SubmitResponsesInput!) {
  submitResponses(input: $input) { duplicate responses { id prompt text participant { id } } }
}`,
  Sessions: `query Sessions($first: Int, $after: String) {
  sessions(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title format status organisation { id } responseCount participantCount } }
  }
}`,
  Responses: `query Responses($first: Int, $after: String, $filter: ResponseFilter) {
  responses(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id prompt text session { id } themes { id name } } }
  }
}`,
  CreateTheme: `mutation CreateTheme($input: CreateThemeInput!) {
  createTheme(input: $input) { id name parent { id } }
}`,
  CodeResponse: `mutation CodeResponse($input: CodeResponseInput!) {
  codeResponse(input: $input) { id theme { id } response { id } }
}`,
  Themes: `query Themes {
  themes { id name parent { id } children { id } }
}`,
  ThemeSummary: `query ThemeSummary($filter: AggregateFilter) {
  themeSummary(filter: $filter) {
    threshold
    totalResponses
    totalParticipants
    themes { theme { id name } responses participants suppressed }
  }
}`,
  EraseParticipant: `mutation EraseParticipant($id: ID!) {
  eraseParticipant(id: $id) { erasedAt responsesDeleted codingsDeleted quotesDeleted }
}`,
};

let server: TestServer;
const tokens = {} as Record<Caller, string | undefined>;
/** One of everything, reachable by every caller whose role reaches it: a partner's session its facilitator runs. */
const world = {
  organisationId: '',
  sessionId: '',
  participantId: '',
  contactParticipantId: '',
  contactName: 'Winifred Oyelaran',
  responseId: '',
  themeId: '',
  codingId: '',
  facilitatorId: '',
  loginEmail: 'sign-in-check@test.chorus',
};

beforeAll(async () => {
  server = await TestServer.start();
  world.organisationId = await server.createOrganisation();
  const facilitator = await server.userWithRole(Role.FACILITATOR);
  world.facilitatorId = facilitator.id;

  tokens.ADMIN = server.adminToken;
  tokens.COORDINATOR = (await server.userWithRole(Role.COORDINATOR)).token;
  tokens.FACILITATOR = facilitator.token;
  tokens.ANALYST = (await server.userWithRole(Role.ANALYST)).token;
  tokens['PARTNER user'] = (await server.userWithRole(Role.PARTNER, world.organisationId)).token;
  tokens['PARTNER key'] = await server.apiKey(Role.PARTNER, world.organisationId);
  tokens['COUNCIL_READER key'] = await server.apiKey(Role.COUNCIL_READER);
  tokens.anonymous = undefined;

  world.sessionId = await server.createSession(server.adminToken, {
    organisationId: world.organisationId,
    areaId: await server.createArea(),
    facilitatorIds: [world.facilitatorId],
  });
  world.participantId = await freshParticipant();
  world.contactParticipantId = await freshParticipant([consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')], {
    contact: { name: world.contactName, email: 'winifred@example.org' },
  });
  const submitted = await server.submit(world.sessionId, [
    {
      participantId: world.participantId,
      prompt: 'BELONGING',
      text: 'The market on a Saturday makes me feel at home.',
    },
  ]);
  world.responseId = submitted.data.submitResponses.responses[0].id;
  world.themeId = await freshTheme();
  world.codingId = await freshCoding(world.themeId);
  await server.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email: world.loginEmail, displayName: 'Sign-in check', role: 'ANALYST', password: PASSWORD },
  });
});
afterAll(() => server.stop());

async function freshParticipant(consents = [consent('PARTICIPATION')], extra: Variables = {}): Promise<string> {
  return server.registerParticipant(server.adminToken, { sessionId: world.sessionId, consents, ...extra });
}

async function freshTheme(): Promise<string> {
  const data = await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, {
    i: { name: server.unique('Theme') },
  });
  return data.createTheme.id;
}

async function freshCoding(themeId?: string): Promise<string> {
  const data = await server.ok(`mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`, {
    i: { responseId: world.responseId, themeId: themeId ?? (await freshTheme()) },
  });
  return data.codeResponse.id;
}

async function freshApiKeyId(): Promise<string> {
  const data = await server.ok(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }`, {
    i: { label: server.unique('Key to revoke'), role: 'COUNCIL_READER' },
  });
  return data.createApiKey.apiKey.id;
}

const count = (table: string, where?: string, params?: unknown[]) => () => server.count(table, where, params);
const row = (sql: string, param: (variables: Variables) => unknown) => async (variables: Variables) =>
  server.dataSource.query(sql, [param(variables)]);

const OPERATIONS: Operation[] = [
  // Signing in
  {
    name: 'login (contract: Login)',
    allowed: EVERYONE,
    document: CONTRACT.Login,
    arrange: () => ({ variables: { email: world.loginEmail, password: PASSWORD } }),
  },
  { name: 'me', allowed: EVERYONE, document: `query { me { id role } }` },
  {
    name: 'changePassword (a user changes their own)',
    allowed: USERS,
    document: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`,
    arrange: async (caller) => {
      const variables = { c: PASSWORD, n: 'another-long-test-password' };
      if (!USERS.includes(caller)) return { variables };
      // A throwaway user of the same role, so the shared caller's token keeps working.
      const role = caller === 'PARTNER user' ? Role.PARTNER : (caller as Role);
      const user = await server.userWithRole(role, role === Role.PARTNER ? world.organisationId : undefined);
      return { variables, token: user.token };
    },
  },

  // Administration: organisations, keys, users, areas, the engagement
  {
    name: 'createOrganisation (contract: CreateOrganisation)',
    allowed: ADMIN,
    document: CONTRACT.CreateOrganisation,
    arrange: () => ({ variables: { input: { name: server.unique('Organisation'), sector: 'FAITH' } } }),
    unchanged: count('organisations'),
  },
  {
    name: 'organisations',
    allowed: ORGANISATIONS,
    document: `query { organisations(first: 100) { totalCount edges { node { id name sector } } } }`,
  },
  {
    name: 'createApiKey (contract: CreateApiKey)',
    allowed: ADMIN,
    document: CONTRACT.CreateApiKey,
    arrange: () => ({
      variables: { input: { label: server.unique('Key'), role: 'PARTNER', organisationId: world.organisationId } },
    }),
    unchanged: count('api_keys'),
  },
  {
    name: 'apiKeys',
    allowed: ADMIN,
    document: `query { apiKeys { totalCount edges { node { id prefix lastUsedAt } } } }`,
  },
  {
    name: 'revokeApiKey',
    allowed: ADMIN,
    document: `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`,
    arrange: async () => ({ variables: { id: await freshApiKeyId() } }),
    unchanged: row(`SELECT revoked_at FROM api_keys WHERE id = $1`, (v) => v.id),
  },
  {
    name: 'createUser',
    allowed: ADMIN,
    document: `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    arrange: () => ({
      variables: {
        i: {
          email: `new-${randomBytes(4).toString('hex')}@test.chorus`,
          displayName: 'New',
          role: 'ANALYST',
          password: PASSWORD,
        },
      },
    }),
    unchanged: count('users'),
  },
  {
    name: 'users (coordinators assign facilitators)',
    allowed: ['ADMIN', 'COORDINATOR'],
    document: `query { users { totalCount edges { node { id email role } } } }`,
  },
  {
    name: 'createArea (contract: CreateArea)',
    allowed: ADMIN,
    document: CONTRACT.CreateArea,
    arrange: () => ({ variables: { input: { name: server.unique('Area'), population: 12_000 } } }),
    unchanged: count('areas'),
  },
  { name: 'areas', allowed: SIGNED_IN, document: `query { areas { id name population } }` },
  {
    name: 'engagement',
    allowed: SIGNED_IN,
    document: `query { engagement { id name noticeVersions suppressionThreshold } }`,
  },

  // Sessions
  {
    name: 'createSession (contract: CreateSession)',
    allowed: PLAN_SESSIONS,
    document: CONTRACT.CreateSession,
    arrange: () => ({
      variables: { input: { title: server.unique('Session'), format: 'WORKSHOP', startsAt: '2026-07-01T18:00:00Z' } },
    }),
    unchanged: count('sessions'),
  },
  {
    name: 'sessions (contract: Sessions)',
    allowed: READ_RESPONSES,
    document: CONTRACT.Sessions,
    arrange: () => ({ variables: { first: 10 } }),
  },
  {
    name: 'session(id)',
    allowed: READ_RESPONSES,
    document: `query($id: ID!) { session(id: $id) { id title responseCount participantCount } }`,
    arrange: () => ({ variables: { id: world.sessionId } }),
  },
  {
    name: 'updateSession',
    allowed: FIELDWORK,
    document: `mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id venue } }`,
    arrange: () => ({ variables: { id: world.sessionId, i: { venue: server.unique('Community hall') } } }),
    unchanged: row(`SELECT venue, status, title FROM sessions WHERE id = $1`, (v) => v.id),
  },
  {
    name: 'Session.facilitators (staff only)',
    allowed: STAFF,
    document: `query($id: ID!) { session(id: $id) { id facilitators { id displayName } } }`,
    arrange: () => ({ variables: { id: world.sessionId } }),
    secret: () => world.facilitatorId,
  },

  // Participants and consent
  {
    name: 'registerParticipant (contract: RegisterParticipant)',
    allowed: FIELDWORK,
    document: CONTRACT.RegisterParticipant,
    arrange: () => ({
      variables: {
        input: {
          sessionId: world.sessionId,
          connections: ['LIVES', 'WORKS'],
          ageBand: 'AGE_25_34',
          consents: [consent('PARTICIPATION')],
        },
      },
    }),
    unchanged: count('participants'),
  },
  {
    name: 'participants',
    allowed: READ_PARTICIPANTS,
    document: `query($f: ParticipantFilter) { participants(filter: $f) { totalCount edges { node { id code consents { purpose granted } } } } }`,
    arrange: () => ({ variables: { f: { sessionId: world.sessionId } } }),
  },
  {
    name: 'participant(id)',
    allowed: READ_PARTICIPANTS,
    document: `query($id: ID!) { participant(id: $id) { id code consentLedger { purpose granted } session { id } } }`,
    arrange: () => ({ variables: { id: world.participantId } }),
  },
  {
    name: 'Participant.contact (admin only)',
    allowed: ADMIN,
    document: `query($id: ID!) { participant(id: $id) { id contact { name email phone } } }`,
    arrange: () => ({ variables: { id: world.contactParticipantId } }),
    unchanged: count('audit_events', `action = 'participant.contact_read'`),
    secret: () => world.contactName,
  },
  {
    name: 'recordConsent',
    allowed: FIELDWORK,
    document: `mutation($p: ID!, $c: ConsentInput!) { recordConsent(participantId: $p, consent: $c) { purpose granted } }`,
    arrange: () => ({ variables: { p: world.participantId, c: consent('QUOTE') } }),
    unchanged: count('consent_events'),
  },
  {
    name: 'withdrawConsent (contract: WithdrawConsent)',
    allowed: FIELDWORK,
    document: CONTRACT.WithdrawConsent,
    arrange: async () => ({
      variables: {
        participantId: await freshParticipant([consent('PARTICIPATION'), consent('QUOTE')]),
        purpose: 'QUOTE',
      },
    }),
    unchanged: count('consent_events'),
  },
  {
    name: 'eraseParticipant (contract: EraseParticipant)',
    allowed: ADMIN,
    document: CONTRACT.EraseParticipant,
    arrange: async () => ({ variables: { id: await freshParticipant() } }),
    unchanged: count('participants'),
  },

  // Responses
  {
    name: 'submitResponses (contract: SubmitResponses)',
    allowed: FIELDWORK,
    document: CONTRACT.SubmitResponses,
    arrange: () => ({
      variables: {
        input: {
          sessionId: world.sessionId,
          idempotencyKey: randomBytes(8).toString('hex'),
          responses: [
            { participantId: world.participantId, prompt: 'FUTURE', text: 'More places for young people to meet.' },
            { prompt: 'WHAT_WORKS', text: 'Group notes: the library runs well.' },
          ],
        },
      },
    }),
    unchanged: count('responses'),
  },
  {
    name: 'responses (contract: Responses)',
    allowed: READ_RESPONSES,
    document: CONTRACT.Responses,
    arrange: () => ({ variables: { first: 10, filter: { sessionId: world.sessionId } } }),
  },
  {
    name: 'response(id)',
    allowed: READ_RESPONSES,
    document: `query($id: ID!) { response(id: $id) { id text session { id } themes { id } } }`,
    arrange: () => ({ variables: { id: world.responseId } }),
  },
  {
    name: 'Response.codings (analysis roles)',
    allowed: ANALYSIS,
    document: `query($id: ID!) { response(id: $id) { id codings { id excerpt theme { id } } } }`,
    arrange: () => ({ variables: { id: world.responseId } }),
    secret: () => world.codingId,
  },

  // The codebook and coding
  { name: 'themes (contract: Themes)', allowed: CODEBOOK, document: CONTRACT.Themes },
  {
    name: 'Theme.responseCount (analysis roles)',
    allowed: ANALYSIS,
    document: `query { themes { id responseCount } }`,
  },
  {
    name: 'createTheme (contract: CreateTheme)',
    allowed: ANALYSIS,
    document: CONTRACT.CreateTheme,
    arrange: () => ({
      variables: { input: { name: server.unique('Theme'), description: 'Belonging in public spaces' } },
    }),
    unchanged: count('themes'),
  },
  {
    name: 'updateTheme',
    allowed: ANALYSIS,
    document: `mutation($id: ID!, $i: UpdateThemeInput!) { updateTheme(id: $id, input: $i) { id name } }`,
    arrange: async () => ({ variables: { id: await freshTheme(), i: { name: server.unique('Renamed theme') } } }),
    unchanged: row(`SELECT name, description, parent_id FROM themes WHERE id = $1`, (v) => v.id),
  },
  {
    name: 'mergeThemes',
    allowed: ANALYSIS,
    document: `mutation($s: ID!, $t: ID!) { mergeThemes(sourceId: $s, targetId: $t) { id } }`,
    arrange: async () => ({ variables: { s: await freshTheme(), t: await freshTheme() } }),
    unchanged: count('themes'),
  },
  {
    name: 'codeResponse (contract: CodeResponse)',
    allowed: ANALYSIS,
    document: CONTRACT.CodeResponse,
    arrange: async () => ({
      variables: {
        input: { responseId: world.responseId, themeId: await freshTheme(), excerpt: 'makes me feel at home' },
      },
    }),
    unchanged: count('codings'),
  },
  {
    name: 'uncodeResponse',
    allowed: ANALYSIS,
    document: `mutation($id: ID!) { uncodeResponse(id: $id) }`,
    arrange: async () => ({ variables: { id: await freshCoding() } }),
    unchanged: count('codings'),
  },

  // Reports
  {
    name: 'themeSummary (contract: ThemeSummary)',
    allowed: AGGREGATES,
    document: CONTRACT.ThemeSummary,
    arrange: () => ({ variables: { filter: { prompts: ['BELONGING'] } } }),
  },
];

const codes = (result: GraphQLResult) => [...new Set((result.errors ?? []).map((error) => error.extensions?.code))];

describe.each(OPERATIONS)('$name', (operation) => {
  const cases = CALLERS.map((caller) => ({
    caller,
    allowed: operation.allowed.includes(caller),
    verdict: operation.allowed.includes(caller)
      ? 'may do it'
      : `is refused with ${caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'} and nothing changes`,
  }));

  it.each(cases)('$caller $verdict', async ({ caller, allowed }) => {
    const { variables = {}, token = tokens[caller] } = (await operation.arrange?.(caller)) ?? {};
    const before = await operation.unchanged?.(variables);
    const result = await server.gql(operation.document, variables, token);

    if (allowed) {
      expect(result.errors ?? []).toEqual([]);
      expect(result.data).toBeTruthy();
      return;
    }
    expect(codes(result)).toEqual([caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    if (operation.unchanged) expect(await operation.unchanged(variables)).toEqual(before);
    if (operation.secret) expect(JSON.stringify(result)).not.toContain(operation.secret());
  });
});
