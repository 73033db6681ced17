import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let sessionId: string;
beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession();
});
afterAll(() => server.stop());

const REGISTER = `mutation($i: RegisterParticipantInput!) {
  registerParticipant(input: $i) {
    id code connections ageBand area { id }
    consents { purpose granted method noticeVersion recordedAt withdrawnAt }
  }
}`;

async function themeId(): Promise<string> {
  const data = await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, {
    n: server.unique('Theme'),
  });
  return data.createTheme.id;
}

describe('registerParticipant', () => {
  it('registers a person with a printable code and their consent decisions', async () => {
    const areaId = await server.createArea();
    const data = await server.ok(REGISTER, {
      i: {
        sessionId,
        areaId,
        connections: ['LIVES', 'VOLUNTEERS'],
        ageBand: 'AGE_25_34',
        consents: [consent('PARTICIPATION'), consent('QUOTE', false)],
      },
    });
    const participant = data.registerParticipant;
    expect(participant.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(participant.area.id).toBe(areaId);
    expect(participant.consents).toEqual([
      expect.objectContaining({
        purpose: 'PARTICIPATION',
        granted: true,
        method: 'VERBAL',
        noticeVersion: 'v1',
        withdrawnAt: null,
      }),
      expect.objectContaining({ purpose: 'QUOTE', granted: false, withdrawnAt: null }),
    ]);
    const found = await server.ok(
      `query($c: String!) { participants(filter: { code: $c }) { edges { node { id } } } }`,
      {
        c: participant.code.toLowerCase().replace(/(...)/, '$1 '),
      },
    );
    expect(found.participants.edges.map((e: any) => e.node.id)).toEqual([participant.id]);
  });

  it('stores nothing without PARTICIPATION consent granted', async () => {
    const before = [await server.count('participants'), await server.count('consent_events')];
    for (const consents of [[], [consent('PARTICIPATION', false)], [consent('QUOTE')]]) {
      const result = await server.gql(
        REGISTER,
        { i: { sessionId, connections: ['LIVES'], consents } },
        server.adminToken,
      );
      expect(codeOf(result)).toBe('CONSENT_REQUIRED');
    }
    expect([await server.count('participants'), await server.count('consent_events')]).toEqual(before);
  });

  it('keeps contact details only with FOLLOW_UP_CONTACT consent', async () => {
    const result = await server.gql(
      REGISTER,
      { i: { sessionId, connections: ['WORKS'], consents: [consent('PARTICIPATION')], contact: { name: 'Sam Lee' } } },
      server.adminToken,
    );
    expect(codeOf(result)).toBe('CONSENT_REQUIRED');
    expect(fieldOf(result)).toBe('contact');
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ connections: [] }, 'connections'],
      [{ connections: ['LIVES', 'LIVES'] }, 'connections'],
      [{ consents: [consent('PARTICIPATION'), consent('PARTICIPATION')] }, 'consents'],
      [{ consents: [{ ...consent('PARTICIPATION'), noticeVersion: ' ' }] }, 'consents.0.noticeVersion'],
      [
        { consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')], contact: { email: 'not-an-email' } },
        'contact.email',
      ],
      [{ sessionId: '6b7f4a62-0000-4000-8000-000000000000' }, 'sessionId'],
    ];
    for (const [input, field] of cases) {
      const result = await server.gql(
        REGISTER,
        { i: { sessionId, connections: ['LIVES'], consents: [consent('PARTICIPATION')], ...input } },
        server.adminToken,
      );
      expect(fieldOf(result)).toBe(field);
    }
  });

  it('shows contact details to admins only, auditing every read', async () => {
    const id = await server.registerParticipant(server.adminToken, {
      sessionId,
      consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
      contact: { name: 'Priya Shah', email: 'priya@example.org', phone: '07700 900456' },
    });
    const [stored] = await server.dataSource.query(
      `SELECT contact_encrypted::text AS raw FROM participants WHERE id = $1`,
      [id],
    );
    expect(stored.raw).not.toContain('Priya');
    const CONTACT = `query($id: ID!) { participant(id: $id) { contact { name email phone } } }`;
    const before = await server.count('audit_events', `action = 'participant.contact_read' AND entity_id = $1`, [id]);
    const admin = await server.ok(CONTACT, { id });
    expect(admin.participant.contact).toEqual({
      name: 'Priya Shah',
      email: 'priya@example.org',
      phone: '07700 900456',
    });
    expect(await server.count('audit_events', `action = 'participant.contact_read' AND entity_id = $1`, [id])).toBe(
      before + 1,
    );
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const refused = await server.gql(CONTACT, { id }, coordinator.token);
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });
});

describe('consent changes', () => {
  it('records a later QUOTE consent as a new ledger entry', async () => {
    const id = await server.registerParticipant(server.adminToken, { sessionId });
    await server.ok(`mutation { addNoticeVersion(version: "v2") { noticeVersions } }`);
    const data = await server.ok(
      `mutation($p: ID!) { recordConsent(participantId: $p, consent: { purpose: QUOTE, granted: true, method: WRITTEN, noticeVersion: "v2" }) { purpose granted noticeVersion } }`,
      { p: id },
    );
    expect(data.recordConsent).toEqual({ purpose: 'QUOTE', granted: true, noticeVersion: 'v2' });
    expect(await server.count('consent_events', 'participant_id = $1', [id])).toBe(2);
  });

  it("refuses a consent naming a privacy notice its participant's engagement does not list, storing nothing", async () => {
    // A notice another engagement on the install uses is no more this participant's than a made-up one.
    await server.dataSource.query(
      `INSERT INTO engagements (name, notice_versions, suppression_threshold) VALUES ('Another exercise', $1, 5)`,
      [['elsewhere-2026']],
    );
    const id = await server.registerParticipant(server.adminToken, { sessionId });
    const before = await server.count('consent_events', 'participant_id = $1', [id]);
    for (const noticeVersion of ['elsewhere-2026', 'v9']) {
      const refused = await server.gql(
        `mutation($p: ID!, $n: String!) { recordConsent(participantId: $p, consent: { purpose: QUOTE, granted: true, method: WRITTEN, noticeVersion: $n }) { purpose } }`,
        { p: id, n: noticeVersion },
        server.adminToken,
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(fieldOf(refused)).toBe('consent.0.noticeVersion');
      expect(refused.errors?.[0]?.message).toMatch(
        /^noticeVersion must be one of this engagement's privacy-notice versions: v1/,
      );
    }
    expect(await server.count('consent_events', 'participant_id = $1', [id])).toBe(before);

    const participants = await server.count('participants');
    const registration = await server.gql(
      REGISTER,
      {
        i: {
          sessionId,
          connections: ['LIVES'],
          consents: [consent('PARTICIPATION'), { ...consent('QUOTE'), noticeVersion: 'elsewhere-2026' }],
        },
      },
      server.adminToken,
    );
    expect(codeOf(registration)).toBe('BAD_USER_INPUT');
    expect(fieldOf(registration)).toBe('consents.1.noticeVersion');
    expect(await server.count('participants')).toBe(participants);

    // The engagement's own notices are accepted whatever their case, and stored as it spells them.
    const recorded = await server.ok(
      `mutation($p: ID!) { recordConsent(participantId: $p, consent: { purpose: QUOTE, granted: true, method: WRITTEN, noticeVersion: "V1" }) { noticeVersion } }`,
      { p: id },
    );
    expect(recorded.recordConsent.noticeVersion).toBe('v1');
  });

  it("withdrawing PARTICIPATION deletes the person's responses and codings at once, keeping the ledger", async () => {
    const id = await server.registerParticipant(server.adminToken, { sessionId, ageBand: 'AGE_16_24' });
    const submitted = await server.submit(sessionId, [
      { participantId: id, prompt: 'VALUES', text: 'The park' },
      { participantId: id, prompt: 'FUTURE', text: 'More jobs' },
    ]);
    const responseId = submitted.data.submitResponses.responses[0].id;
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: responseId,
      t: await themeId(),
    });
    const data = await server.ok(
      `mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { purpose granted withdrawnAt } }`,
      { p: id },
    );
    expect(data.withdrawConsent.granted).toBe(false);
    expect(new Date(data.withdrawConsent.withdrawnAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await server.count('responses', 'participant_id = $1', [id])).toBe(0);
    expect(await server.count('codings', 'response_id = $1', [responseId])).toBe(0);
    const after = await server.ok(
      `query($id: ID!) { participant(id: $id) { ageBand consents { purpose granted withdrawnAt } consentLedger { purpose granted isWithdrawal recordedBy } } }`,
      { id },
    );
    expect(after.participant.ageBand).toBeNull();
    expect(after.participant.consentLedger).toEqual([
      { purpose: 'PARTICIPATION', granted: true, isWithdrawal: false, recordedBy: 'Admin' },
      { purpose: 'PARTICIPATION', granted: false, isWithdrawal: true, recordedBy: 'Admin' },
    ]);
  });

  it('refuses to withdraw a consent that does not stand', async () => {
    const id = await server.registerParticipant(server.adminToken, { sessionId });
    const result = await server.gql(
      `mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: QUOTE) { granted } }`,
      { p: id },
      server.adminToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('purpose');
    expect(await server.count('consent_events', 'participant_id = $1', [id])).toBe(1);
  });

  it('never edits the ledger: the database refuses an UPDATE', async () => {
    await expect(server.dataSource.query(`UPDATE consent_events SET granted = NOT granted`)).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('eraseParticipant', () => {
  it('removes every trace and returns a receipt of counts; the audit keeps no personal data', async () => {
    const id = await server.registerParticipant(server.adminToken, {
      sessionId,
      consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
      contact: { name: 'Erin Hollins' },
    });
    const submitted = await server.submit(sessionId, [
      { participantId: id, prompt: 'VALUES', text: 'Family nearby' },
      { participantId: id, prompt: 'CHALLENGES', text: 'Getting a GP appointment' },
    ]);
    const [first] = submitted.data.submitResponses.responses;
    const theme = await themeId();
    await server.ok(
      `mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t, excerpt: "Family" }) { id } }`,
      { r: first.id, t: theme },
    );
    await server.dataSource.query(`INSERT INTO quotes (response_id, excerpt) VALUES ($1, 'Family nearby')`, [first.id]);
    const data = await server.ok(
      `mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt responsesDeleted codingsDeleted quotesDeleted } }`,
      { id },
    );
    expect(data.eraseParticipant).toMatchObject({ responsesDeleted: 2, codingsDeleted: 1, quotesDeleted: 1 });
    for (const [table, where] of [
      ['participants', 'id = $1'],
      ['consent_events', 'participant_id = $1'],
      ['responses', 'participant_id = $1'],
    ]) {
      expect(await server.count(table!, where, [id])).toBe(0);
    }
    expect(await server.count('quotes', 'response_id = $1', [first.id])).toBe(0);
    const [audit] = await server.dataSource.query(
      `SELECT details::text AS details FROM audit_events WHERE action = 'participant.erased' AND entity_id = $1`,
      [id],
    );
    expect(JSON.parse(audit.details)).toEqual({
      responses: 2,
      codings: 1,
      quotes: 1,
      tables: expect.stringContaining('responses'),
    });
    expect(codeOf(await server.gql(`query($id: ID!) { participant(id: $id) { id } }`, { id }, server.adminToken))).toBe(
      'NOT_FOUND',
    );
  });

  it('is for admins only', async () => {
    const id = await server.registerParticipant(server.adminToken, { sessionId });
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const result = await server.gql(
      `mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`,
      { id },
      coordinator.token,
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await server.count('participants', 'id = $1', [id])).toBe(1);
  });
});

describe('erasureImpact', () => {
  it('tells an admin what an erasure would delete, before it is confirmed', async () => {
    const id = await server.registerParticipant(server.adminToken, { sessionId });
    await server.submit(sessionId, [
      { participantId: id, prompt: 'VALUES', text: 'One' },
      { participantId: id, prompt: 'FUTURE', text: 'Two' },
    ]);
    const data = await server.ok(
      `query($id: ID!) { participant(id: $id) { erasureImpact { responses codings quotes } } }`,
      { id },
    );
    expect(data.participant.erasureImpact).toEqual({ responses: 2, codings: 0, quotes: 0 });
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const refused = await server.gql(
      `query($id: ID!) { participant(id: $id) { erasureImpact { responses } } }`,
      { id },
      coordinator.token,
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await server.count('responses', 'participant_id = $1', [id])).toBe(2);
  });
});

describe('consent ledger', () => {
  it('names who recorded each entry: a staff member, or the API key', async () => {
    const org = await server.createOrganisation();
    const key = await server.apiKey(Role.PARTNER, org);
    const partnerSession = await server.createSession(key);
    const id = await server.registerParticipant(key, { sessionId: partnerSession });
    const data = await server.ok(
      `query($id: ID!) { participant(id: $id) { consentLedger { recordedBy } } }`,
      { id },
      key,
    );
    expect(data.participant.consentLedger).toEqual([{ recordedBy: expect.stringMatching(/^API key: Key \d+$/) }]);
  });
});

describe('registering idempotently', () => {
  const input = (key: string, ageBand = 'AGE_35_44') => ({
    i: { sessionId, connections: ['LIVES'], ageBand, consents: [consent('PARTICIPATION')], idempotencyKey: key },
  });

  it('returns the first participant for a retry with the same key, registering once', async () => {
    const before = await server.count('participants');
    const first = await server.ok(REGISTER, input('reg-1'));
    const again = await server.ok(REGISTER, input('reg-1'));
    expect(again.registerParticipant.id).toBe(first.registerParticipant.id);
    expect(await server.count('participants')).toBe(before + 1);
  });

  it('registers once under 10 concurrent retries of one key', async () => {
    const before = await server.count('participants');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => server.gql(REGISTER, input('reg-concurrent'), server.adminToken)),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data.registerParticipant.id)).size).toBe(1);
    expect(await server.count('participants')).toBe(before + 1);
  });

  it('refuses the same key for a different person', async () => {
    await server.ok(REGISTER, input('reg-2'));
    const conflict = await server.gql(REGISTER, input('reg-2', 'AGE_75_PLUS'), server.adminToken);
    expect(codeOf(conflict)).toBe('IDEMPOTENCY_CONFLICT');
    expect(fieldOf(conflict)).toBe('idempotencyKey');
  });

  it('does not bring an erased person back on a late retry', async () => {
    const first = await server.ok(REGISTER, input('reg-3'));
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, {
      id: first.registerParticipant.id,
    });
    const before = await server.count('participants');
    const retry = await server.gql(REGISTER, input('reg-3'), server.adminToken);
    expect(codeOf(retry)).toBe('NOT_FOUND');
    expect(await server.count('participants')).toBe(before);
  });
});
