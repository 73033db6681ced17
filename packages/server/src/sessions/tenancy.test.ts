import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

/**
 * Rule 3: a partner key never reads or writes another organisation's rows; a council key reads
 * aggregates only. Organisation A probes organisation B's session, participant and response ids
 * through every query, filter, mutation and nested field; "not yours" looks exactly like "absent".
 */

let server: TestServer;

const a = { organisationId: '', key: '', userToken: '', sessionId: '', participantId: '', responseIds: [] as string[] };
const b = {
  organisationId: '',
  key: '',
  sessionId: '',
  sessionTitle: 'Riverside mosque listening circle',
  participantId: '',
  participantCode: '',
  responseIds: [] as string[],
  idempotencyKey: 'batch-2026-07-12-001',
  batch: [] as Record<string, unknown>[],
};
let councilKey = '';

const SESSION = `query($id: ID!) { session(id: $id) { id title } }`;
const PARTICIPANT = `query($id: ID!) { participant(id: $id) { id code } }`;
const RESPONSE = `query($id: ID!) { response(id: $id) { id text } }`;
const SESSIONS = `query($f: SessionFilter) { sessions(first: 100, filter: $f) { totalCount edges { node { id } } } }`;
const PARTICIPANTS = `query($f: ParticipantFilter) { participants(first: 100, filter: $f) { totalCount edges { node { id } } } }`;
const RESPONSES = `query($f: ResponseFilter) { responses(first: 100, filter: $f) { totalCount edges { node { id } } } }`;
const REGISTER = `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`;
const WITHDRAW = `mutation($p: ID!, $purpose: ConsentPurpose!) { withdrawConsent(participantId: $p, purpose: $purpose) { purpose } }`;
const RECORD = `mutation($p: ID!, $c: ConsentInput!) { recordConsent(participantId: $p, consent: $c) { purpose } }`;
const UPDATE_SESSION = `mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id } }`;
const THEME_SUMMARY = `query { themeSummary { threshold totalResponses themes { suppressed } } }`;

beforeAll(async () => {
  server = await TestServer.start();
  a.organisationId = await server.createOrganisation();
  b.organisationId = await server.createOrganisation();
  a.key = await server.apiKey(Role.PARTNER, a.organisationId);
  b.key = await server.apiKey(Role.PARTNER, b.organisationId);
  a.userToken = (await server.userWithRole(Role.PARTNER, a.organisationId)).token;
  councilKey = await server.apiKey(Role.COUNCIL_READER);

  // Organisation B runs a session, registers a participant there and submits what was said.
  b.sessionId = await server.createSession(b.key, { title: b.sessionTitle });
  b.participantId = await server.registerParticipant(b.key, {
    sessionId: b.sessionId,
    consents: [consent('PARTICIPATION'), consent('QUOTE')],
  });
  b.participantCode = (await server.ok(PARTICIPANT, { id: b.participantId }, b.key)).participant.code;
  b.batch = [
    { participantId: b.participantId, prompt: 'BELONGING', text: 'Friday prayers are where I feel the city is mine.' },
    { prompt: 'CHALLENGES', text: 'Group notes: parking near the riverside is impossible.' },
  ];
  const submitted = await server.submit(b.sessionId, b.batch, b.key, b.idempotencyKey);
  b.responseIds = submitted.data.submitResponses.responses.map((r: { id: string }) => r.id);

  // Organisation A has its own.
  a.sessionId = await server.createSession(a.key, { title: 'Youth club conversation' });
  a.participantId = await server.registerParticipant(a.key, { sessionId: a.sessionId });
  const own = await server.submit(
    a.sessionId,
    [{ participantId: a.participantId, prompt: 'FUTURE', text: 'A skate park by the canal.' }],
    a.key,
  );
  a.responseIds = own.data.submitResponses.responses.map((r: { id: string }) => r.id);
});
afterAll(() => server.stop());

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);
const ledgerOf = (participantId: string) => server.count('consent_events', 'participant_id = $1', [participantId]);

describe.each([
  ['partner key', () => a.key],
  ['partner user', () => a.userToken],
])("organisation A's %s", (_label, tokenOfA) => {
  it.each([
    ['session(id)', SESSION, () => b.sessionId],
    ['participant(id)', PARTICIPANT, () => b.participantId],
    ['response(id)', RESPONSE, () => b.responseIds[0]!],
  ])("gets NOT_FOUND for B's %s, with nothing of B's in the reply", async (_name, query, idOfB) => {
    const result = await server.gql(query, { id: idOfB() }, tokenOfA());
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(fieldOf(result)).toBe('id');
    expect(result.data ?? null).toBeNull();
    expect(JSON.stringify(result)).not.toContain(b.sessionTitle);
  });

  it("lists only A's sessions, and counts only A's", async () => {
    const all = await server.ok(SESSIONS, {}, tokenOfA());
    expect(ids(all.sessions)).toEqual([a.sessionId]);
    expect(all.sessions.totalCount).toBe(1);
    for (const f of [{ organisationId: b.organisationId }, { search: 'Riverside' }]) {
      const filtered = await server.ok(SESSIONS, { f }, tokenOfA());
      expect(filtered.sessions).toEqual({ totalCount: 0, edges: [] });
    }
  });

  it("lists only A's participants, even when filtering by B's session or B's participant code", async () => {
    const all = await server.ok(PARTICIPANTS, {}, tokenOfA());
    expect(ids(all.participants)).toEqual([a.participantId]);
    expect(all.participants.totalCount).toBe(1);
    for (const f of [{ sessionId: b.sessionId }, { code: b.participantCode }]) {
      const filtered = await server.ok(PARTICIPANTS, { f }, tokenOfA());
      expect(filtered.participants).toEqual({ totalCount: 0, edges: [] });
    }
  });

  it("lists only A's responses, even when filtering by B's session, participant or words", async () => {
    const all = await server.ok(RESPONSES, {}, tokenOfA());
    expect(ids(all.responses).sort()).toEqual([...a.responseIds].sort());
    expect(all.responses.totalCount).toBe(a.responseIds.length);
    for (const f of [{ sessionId: b.sessionId }, { participantId: b.participantId }, { search: 'prayers' }]) {
      const filtered = await server.ok(RESPONSES, { f }, tokenOfA());
      expect(filtered.responses).toEqual({ totalCount: 0, edges: [] });
    }
  });

  it('sees only its own organisation in organisations', async () => {
    const data = await server.ok(
      `query { organisations(first: 100) { totalCount edges { node { id } } } }`,
      {},
      tokenOfA(),
    );
    expect(data.organisations.totalCount).toBe(1);
    expect(ids(data.organisations)).toEqual([a.organisationId]);
  });

  it('is refused the aggregate figures (FORBIDDEN)', async () => {
    expect(codeOf(await server.gql(THEME_SUMMARY, {}, tokenOfA()))).toBe('FORBIDDEN');
  });
});

describe("organisation A writing to B's rows", () => {
  it("cannot submit responses to B's session: NOT_FOUND, nothing stored", async () => {
    const [responses, submissions] = [await server.count('responses'), await server.count('submissions')];
    const result = await server.submit(b.sessionId, [{ prompt: 'VALUES', text: 'Planted by A.' }], a.key);
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(fieldOf(result)).toBe('sessionId');
    expect(await server.count('responses')).toBe(responses);
    expect(await server.count('submissions')).toBe(submissions);
  });

  it("cannot name B's participant in a batch for its own session: NOT_FOUND on the field, nothing stored", async () => {
    const before = await server.count('responses');
    const result = await server.submit(
      a.sessionId,
      [
        { participantId: b.participantId, prompt: 'VALUES', text: 'Attributed to B’s participant.' },
        { prompt: 'VALUES', text: 'Group notes that would be fine alone.' },
      ],
      a.key,
    );
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(fieldOf(result)).toBe('responses.0.participantId');
    expect(await server.count('responses')).toBe(before);
  });

  it("cannot register a participant at B's session: NOT_FOUND, nothing stored", async () => {
    const before = await server.count('participants');
    const result = await server.gql(
      REGISTER,
      { i: { sessionId: b.sessionId, connections: ['LIVES'], consents: [consent('PARTICIPATION')] } },
      a.key,
    );
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(fieldOf(result)).toBe('sessionId');
    expect(await server.count('participants')).toBe(before);
  });

  it.each([
    ['withdrawConsent (PARTICIPATION)', WITHDRAW, { purpose: 'PARTICIPATION' }],
    ['withdrawConsent (QUOTE)', WITHDRAW, { purpose: 'QUOTE' }],
    ['recordConsent', RECORD, { c: consent('ATTRIBUTION') }],
  ])("cannot %s for B's participant: NOT_FOUND, ledger and responses untouched", async (_name, mutation, variables) => {
    const [ledger, responses] = [
      await ledgerOf(b.participantId),
      await server.count('responses', 'participant_id = $1', [b.participantId]),
    ];
    const result = await server.gql(mutation, { p: b.participantId, ...variables }, a.key);
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(fieldOf(result)).toBe('participantId');
    expect(await ledgerOf(b.participantId)).toBe(ledger);
    expect(await server.count('responses', 'participant_id = $1', [b.participantId])).toBe(responses);
  });

  it("cannot edit or cancel B's session: NOT_FOUND, session unchanged", async () => {
    const read = () =>
      server.dataSource.query(`SELECT title, status, venue FROM sessions WHERE id = $1`, [b.sessionId]);
    const before = await read();
    const result = await server.gql(
      UPDATE_SESSION,
      { id: b.sessionId, i: { title: 'Taken over', status: 'CANCELLED' } },
      a.key,
    );
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(await read()).toEqual(before);
  });

  it("cannot erase B's participant (an admin's act): FORBIDDEN, nothing erased", async () => {
    const result = await server.gql(
      `mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`,
      { id: b.participantId },
      a.key,
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await server.count('participants', 'id = $1', [b.participantId])).toBe(1);
  });
});

describe('idempotency keys are scoped per organisation', () => {
  it("does not replay B's batch when A reuses B's key with B's exact payload", async () => {
    const result = await server.submit(b.sessionId, b.batch, a.key, b.idempotencyKey);
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toContain(b.responseIds[0]);
  });

  it("stores A's own batch under a key B already used, as new (not a duplicate of B's)", async () => {
    const before = await server.count('responses');
    const result = await server.submit(
      a.sessionId,
      [{ prompt: 'VALUES', text: 'Our street parties.' }],
      a.key,
      b.idempotencyKey,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.submitResponses.duplicate).toBe(false);
    const stored = result.data.submitResponses.responses.map((r: { id: string }) => r.id);
    expect(stored.some((id: string) => b.responseIds.includes(id))).toBe(false);
    expect(await server.count('responses')).toBe(before + 1);
    a.responseIds.push(...stored);
  });

  it("still replays B's own retry to B", async () => {
    const retry = await server.submit(b.sessionId, b.batch, b.key, b.idempotencyKey);
    expect(retry.data.submitResponses.duplicate).toBe(true);
    expect(retry.data.submitResponses.responses.map((r: { id: string }) => r.id)).toEqual(b.responseIds);
  });
});

describe('a facilitator, scoped to the sessions they facilitate', () => {
  it('does not get a replay of a staff batch at a session they cannot see', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    const notTheirs = await server.createSession();
    const batch = [{ prompt: 'CHALLENGES', text: 'Notes from a closed staff session.' }];
    const first = await server.submit(notTheirs, batch, coordinator.token, 'staff-batch-001');
    const firstId = first.data.submitResponses.responses[0].id;

    const replay = await server.submit(notTheirs, batch, facilitator.token, 'staff-batch-001');
    expect(codeOf(replay)).toBe('NOT_FOUND');
    expect(JSON.stringify(replay)).not.toContain(firstId);
  });
});

describe('nested fields', () => {
  it("resolve session and participant on A's own responses", async () => {
    const data = await server.ok(
      `query($id: ID!) { response(id: $id) {
         session { id organisation { id } }
         participant { id session { id } consents { purpose granted } }
       } }`,
      { id: a.responseIds[0] },
      a.key,
    );
    expect(data.response).toEqual({
      session: { id: a.sessionId, organisation: { id: a.organisationId } },
      participant: {
        id: a.participantId,
        session: { id: a.sessionId },
        consents: [{ purpose: 'PARTICIPATION', granted: true }],
      },
    });
    const list = await server.ok(
      `query { responses(first: 100) { edges { node { id session { id } participant { id } } } } }`,
      {},
      a.key,
    );
    for (const { node } of list.responses.edges) expect(node.session.id).toBe(a.sessionId);
  });

  it("never reveal B's participant, even when staff record them as heard at A's session", async () => {
    const heardElsewhere = await server.registerParticipant(b.key, { sessionId: b.sessionId });
    // An admin may link anyone: B's participant also spoke at A's workshop.
    const staff = await server.submit(a.sessionId, [
      { participantId: heardElsewhere, prompt: 'VALUES', text: 'Neighbours who look out for each other.' },
    ]);
    const responseId = staff.data.submitResponses.responses[0].id;

    const seenByA = await server.ok(
      `query($id: ID!) { response(id: $id) { id participant { id code } } }`,
      { id: responseId },
      a.key,
    );
    expect(seenByA.response).toEqual({ id: responseId, participant: null });
    const participantsOfA = await server.ok(PARTICIPANTS, {}, a.key);
    expect(ids(participantsOfA.participants)).not.toContain(heardElsewhere);
    expect(codeOf(await server.gql(PARTICIPANT, { id: heardElsewhere }, a.key))).toBe('NOT_FOUND');
  });

  it("B sees none of A's rows either", async () => {
    const data = await server.ok(
      `query { sessions(first: 100) { edges { node { id } } } responses(first: 100) { edges { node { id session { id } } } } }`,
      {},
      b.key,
    );
    expect(ids(data.sessions)).toEqual([b.sessionId]);
    for (const { node } of data.responses.edges) expect(node.session.id).toBe(b.sessionId);
  });
});

describe('a COUNCIL_READER key', () => {
  it.each([
    ['sessions', `query { sessions { totalCount } }`, () => ({})],
    ['session(id)', SESSION, () => ({ id: b.sessionId })],
    ['responses', `query { responses { totalCount } }`, () => ({})],
    ['response(id)', RESPONSE, () => ({ id: b.responseIds[0] })],
    ['participants', `query { participants { totalCount } }`, () => ({})],
    ['participant(id)', PARTICIPANT, () => ({ id: b.participantId })],
  ])('is refused %s (FORBIDDEN): nothing about a single person or response', async (_name, query, variables) => {
    const result = await server.gql(query, variables(), councilKey);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(result.data ?? null).toBeNull();
  });

  it.each([
    ['themeSummary', THEME_SUMMARY],
    ['themes', `query { themes { id name parent { id } children { id } } }`],
    ['areas', `query { areas { id name population } }`],
  ])('may read %s', async (_name, query) => {
    const result = await server.gql(query, {}, councilKey);
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });
});
