import { randomUUID } from 'node:crypto';
import { Role } from '@chorus/shared';
import { RequestContext } from '../db/request-context';
import { createLoaders } from '../graphql/loaders';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';
import { Caller } from './caller';

/**
 * Tenancy holds on every path, not only where a parent was filtered first: the per-request
 * loaders behind nested fields, the erasure and contact lookups, and the codebook, which belongs
 * to one engagement.
 */

let server: TestServer;
const a = { organisationId: '', key: '', sessionId: '', participantId: '', responseId: '' };
let partnerB: RequestContext;
let themeId = '';
let foreignThemeId = '';
let facilitator = { id: '', token: '' };

beforeAll(async () => {
  server = await TestServer.start();
  a.organisationId = await server.createOrganisation();
  const organisationB = await server.createOrganisation();
  a.key = await server.apiKey(Role.PARTNER, a.organisationId);
  facilitator = await server.userWithRole(Role.FACILITATOR);
  // A's session, facilitated by staff, with a participant who left contact details and spoke.
  a.sessionId = await server.createSession(server.adminToken, {
    organisationId: a.organisationId,
    facilitatorIds: [facilitator.id],
  });
  a.participantId = await server.registerParticipant(a.key, {
    sessionId: a.sessionId,
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
    contact: { name: 'Amira Haddad', email: 'amira@example.org' },
  });
  const submitted = await server.submit(
    a.sessionId,
    [{ participantId: a.participantId, prompt: 'BELONGING', text: 'The market on Saturdays.' }],
    a.key,
  );
  a.responseId = submitted.data.submitResponses.responses[0].id;
  const theme = await server.ok(`mutation { createTheme(input: { name: "Markets" }) { id } }`);
  themeId = theme.createTheme.id;
  await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
    r: a.responseId,
    t: themeId,
  });

  // A second engagement's theme, hung (wrongly) under this engagement's, made directly in the database.
  const [engagement] = await server.dataSource.query(
    `INSERT INTO engagements (name, suppression_threshold) VALUES ('Another city', 3) RETURNING id`,
  );
  const [foreign] = await server.dataSource.query(
    `INSERT INTO themes (engagement_id, parent_id, name) VALUES ($1, $2, 'Other city markets') RETURNING id`,
    [engagement.id, themeId],
  );
  foreignThemeId = foreign.id;

  partnerB = new RequestContext(
    server.dataSource,
    server.engagementId,
    Caller.apiKey({ id: randomUUID(), role: Role.PARTNER, organisationId: organisationB }),
    'test',
  );
});
afterAll(() => server.stop());

describe("partner B asking the nested lookups for A's rows by id", () => {
  const loaders = () => createLoaders(partnerB, server.services);

  it.each([
    ['consent ledger', () => loaders().consentLedger.load(a.participantId)],
    ['current consents', () => loaders().consents.load(a.participantId)],
    ['codings of a response', () => loaders().responseCodings.load(a.responseId)],
    ['themes of a response', () => loaders().responseThemes.load(a.responseId)],
    ['facilitators of a session', () => loaders().sessionFacilitatorIds.load(a.sessionId)],
  ])('gets no %s', async (_label, load) => {
    expect(await load()).toEqual([]);
  });

  it.each([
    ['response count', () => loaders().sessionResponseCount.load(a.sessionId)],
    ['participant count', () => loaders().sessionParticipantCount.load(a.sessionId)],
  ])("gets 0 for the session's %s", async (_label, load) => {
    expect(await load()).toBe(0);
  });

  it.each([
    ['session', () => loaders().session.load(a.sessionId)],
    ['participant', () => loaders().participant.load(a.participantId)],
    ['response', () => loaders().response.load(a.responseId)],
    ['organisation', () => loaders().organisation.load(a.organisationId)],
  ])('loads the %s as null', async (_label, load) => {
    expect(await load()).toBeNull();
  });

  it('is refused the erasure traces and contact details (FORBIDDEN), which an admin reaches', async () => {
    await expect(server.services.participants.traces(partnerB, a.participantId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(server.services.participants.contact(partnerB, a.participantId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const admin = partnerB.as(Caller.user({ id: randomUUID(), role: Role.ADMIN, organisationId: null }));
    expect(await server.services.participants.traces(admin, a.participantId)).toMatchObject({ responses: 1 });
  });
});

describe('a facilitator', () => {
  it('lists only the sessions they facilitate, and reaches no other', async () => {
    const other = await server.createSession(server.adminToken);
    const data = await server.ok(
      `query { sessions(first: 100) { edges { node { id facilitators { id } } } } }`,
      {},
      facilitator.token,
    );
    expect(data.sessions.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([a.sessionId]);
    const result = await server.gql(`query($id: ID!) { session(id: $id) { id } }`, { id: other }, facilitator.token);
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});

describe('a partner changing its session', () => {
  const UPDATE = `mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id title } }`;
  const staffOn = () => server.count('session_facilitators', 'session_id = $1', [a.sessionId]);

  it('keeps the staff facilitators when it edits other fields', async () => {
    await server.ok(UPDATE, { id: a.sessionId, i: { title: 'Saturday market stall' } }, a.key);
    expect(await staffOn()).toBe(1);
  });

  it('cannot remove them with an empty list: BAD_USER_INPUT on facilitatorIds, facilitators unchanged', async () => {
    const result = await server.gql(UPDATE, { id: a.sessionId, i: { title: 'No staff', facilitatorIds: [] } }, a.key);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('facilitatorIds');
    expect(await staffOn()).toBe(1);
    const session = await server.ok(`query($id: ID!) { session(id: $id) { title } }`, { id: a.sessionId }, a.key);
    expect(session.session.title).toBe('Saturday market stall');
  });
});

describe("another engagement's themes", () => {
  it('never appear as children, in the codebook, or by id', async () => {
    const data = await server.ok(`query { themes { id children { id } } }`);
    expect(data.themes.map((t: { id: string }) => t.id)).not.toContain(foreignThemeId);
    const markets = data.themes.find((t: { id: string }) => t.id === themeId);
    expect(markets.children).toEqual([]);
    const rename = await server.gql(
      `mutation($id: ID!) { updateTheme(id: $id, input: { name: "Mine now" }) { id } }`,
      { id: foreignThemeId },
      server.adminToken,
    );
    expect(codeOf(rename)).toBe('NOT_FOUND');
  });
});

describe('viewer', () => {
  const VIEWER = `query { viewer { kind role organisation { id } permissions displayName email keyLabel keyPrefix } }`;

  it('tells an API key its own role, organisation and permissions (me is null for keys)', async () => {
    const data = await server.ok(`query { me { id } ${VIEWER.slice(8, -2)} }`, {}, a.key);
    expect(data.me).toBeNull();
    expect(data.viewer).toMatchObject({
      kind: 'API_KEY',
      role: 'PARTNER',
      organisation: { id: a.organisationId },
      displayName: null,
      email: null,
    });
    expect(a.key.startsWith(data.viewer.keyPrefix)).toBe(true);
    expect(data.viewer.keyLabel).toEqual(expect.any(String));
    expect(data.viewer.permissions).toEqual(expect.arrayContaining(['session.plan', 'response.submit']));
    expect(data.viewer.permissions).not.toContain('participant.erase');
  });

  it('tells a user who they are', async () => {
    const data = await server.ok(VIEWER, {}, facilitator.token);
    expect(data.viewer).toMatchObject({ kind: 'USER', role: 'FACILITATOR', organisation: null, keyPrefix: null });
    expect(data.viewer.email).toMatch(/@test\.chorus$/);
    expect(data.viewer.permissions).not.toContain('session.plan');
  });

  it('answers an anonymous caller with nothing to do', async () => {
    const data = await server.ok(VIEWER, {}, '');
    expect(data.viewer).toMatchObject({ kind: 'ANONYMOUS', role: null, organisation: null, permissions: [] });
  });
});
