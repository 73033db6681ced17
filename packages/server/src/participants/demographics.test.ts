import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let sessionId: string;
beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession();
});
afterAll(() => server.stop());

const ANSWERS = { ethnicity: 'WHITE_ROMA', religion: 'MUSLIM', disability: 'REDUCED_A_LITTLE' };
const DEMOGRAPHICS = `query($id: ID!) { participant(id: $id) {
  demographics { ethnicity ethnicGroup religion disability equalityActDisabled }
} }`;
const RECORD = `mutation($p: ID!, $d: DemographicsInput!) { recordDemographics(participantId: $p, demographics: $d) { id } }`;
const WITHDRAW = `mutation($p: ID!, $purpose: ConsentPurpose!) { withdrawConsent(participantId: $p, purpose: $purpose) { granted } }`;

const withSpecialCategory = (extra: Record<string, unknown> = {}) =>
  server.registerParticipant(server.adminToken, {
    sessionId,
    consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA')],
    demographics: ANSWERS,
    ...extra,
  });

const readCount = (id: string) =>
  server.count('audit_events', `action = 'participant.demographics_read' AND entity_id = $1`, [id]);

describe('special-category demographics', () => {
  it('stores the answers encrypted with SPECIAL_CATEGORY_DATA consent, shows them to admins, and audits each read', async () => {
    const id = await withSpecialCategory();
    const [stored] = await server.dataSource.query(
      `SELECT encode(special_category_encrypted, 'escape') AS raw FROM participants WHERE id = $1`,
      [id],
    );
    expect(stored.raw).not.toMatch(/ROMA|MUSLIM|REDUCED/);
    const before = await readCount(id);
    const data = await server.ok(DEMOGRAPHICS, { id });
    expect(data.participant.demographics).toEqual({
      ...ANSWERS,
      ethnicGroup: 'WHITE',
      equalityActDisabled: true,
    });
    expect(await readCount(id)).toBe(before + 1);
  });

  it('refuses any answer without SPECIAL_CATEGORY_DATA consent, naming the field, and stores nothing', async () => {
    const before = await server.count('participants');
    for (const [demographics, field] of [
      [{ religion: 'SIKH' }, 'demographics.religion'],
      [{ disability: 'PREFER_NOT_TO_SAY' }, 'demographics.disability'],
      [ANSWERS, 'demographics.ethnicity'],
    ] as const) {
      const result = await server.gql(
        `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`,
        { i: { sessionId, connections: ['LIVES'], consents: [consent('PARTICIPATION')], demographics } },
        server.adminToken,
      );
      expect(codeOf(result)).toBe('CONSENT_REQUIRED');
      expect(fieldOf(result)).toBe(field);
    }
    expect(await server.count('participants')).toBe(before);

    const id = await server.registerParticipant(server.adminToken, { sessionId });
    const later = await server.gql(RECORD, { p: id, d: { ethnicity: 'ASIAN_INDIAN' } }, server.adminToken);
    expect(codeOf(later)).toBe('CONSENT_REQUIRED');
    expect(fieldOf(later)).toBe('demographics.ethnicity');
    expect((await server.ok(DEMOGRAPHICS, { id })).participant.demographics).toBeNull();
  });

  it('records answers later, and "prefer not to say" has no group and no Equality Act status', async () => {
    const id = await server.registerParticipant(server.adminToken, {
      sessionId,
      consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA')],
    });
    await server.ok(RECORD, { p: id, d: { ethnicity: 'PREFER_NOT_TO_SAY', disability: 'PREFER_NOT_TO_SAY' } });
    expect((await server.ok(DEMOGRAPHICS, { id })).participant.demographics).toEqual({
      ethnicity: 'PREFER_NOT_TO_SAY',
      ethnicGroup: null,
      religion: null,
      disability: 'PREFER_NOT_TO_SAY',
      equalityActDisabled: null,
    });
  });

  it.each([Role.COORDINATOR, Role.ANALYST])('is unreadable to a %s, who may read the participant', async (role) => {
    const user = await server.userWithRole(role);
    const id = await withSpecialCategory();
    const result = await server.gql(DEMOGRAPHICS, { id }, user.token);
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('is unreadable to a partner key that recorded it', async () => {
    const org = await server.createOrganisation();
    const key = await server.apiKey(Role.PARTNER, org);
    const id = await server.registerParticipant(key, {
      sessionId: await server.createSession(key),
      consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA')],
      demographics: ANSWERS,
    });
    expect(codeOf(await server.gql(DEMOGRAPHICS, { id }, key))).toBe('FORBIDDEN');
    expect((await server.ok(DEMOGRAPHICS, { id })).participant.demographics.religion).toBe('MUSLIM');
  });
});

describe('consent effects on personal data, each in the withdrawal transaction', () => {
  const CONTACT = `query($id: ID!) { participant(id: $id) { contact { name } } }`;

  it('withdrawing SPECIAL_CATEGORY_DATA deletes the answers from the record, the export and the registration hash', async () => {
    const id = await withSpecialCategory({ idempotencyKey: server.unique('reg') });
    await server.ok(WITHDRAW, { p: id, purpose: 'SPECIAL_CATEGORY_DATA' });
    expect((await server.ok(DEMOGRAPHICS, { id })).participant.demographics).toBeNull();
    expect(await server.count('participants', 'id = $1 AND special_category_encrypted IS NOT NULL', [id])).toBe(0);
    expect(
      await server.count('participant_registrations', 'participant_id = $1 AND payload_hash_version <> 0', [id]),
    ).toBe(0);
    const exported = await server.ok(`mutation($p: String!) { participantDataExport(participant: $p) { json } }`, {
      p: id,
    });
    expect(JSON.parse(exported.participantDataExport.json).demographics).toBeNull();
    expect(
      await server.count('audit_events', `action = 'participant.demographics_deleted' AND entity_id = $1`, [id]),
    ).toBe(1);
    // Consent no longer stands, so new answers are refused again.
    expect(codeOf(await server.gql(RECORD, { p: id, d: { religion: 'JEWISH' } }, server.adminToken))).toBe(
      'CONSENT_REQUIRED',
    );
  });

  it('withdrawing FOLLOW_UP_CONTACT deletes the contact details and the digests of their name, and nothing else', async () => {
    const id = await withSpecialCategory({
      consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA'), consent('FOLLOW_UP_CONTACT')],
      contact: { name: 'Ottoline Varga', email: 'ov@example.org' },
    });
    expect(await server.count('contact_name_digests', 'participant_id = $1', [id])).toBeGreaterThan(0);
    await server.ok(WITHDRAW, { p: id, purpose: 'FOLLOW_UP_CONTACT' });
    expect((await server.ok(CONTACT, { id })).participant.contact).toBeNull();
    expect(await server.count('contact_name_digests', 'participant_id = $1', [id])).toBe(0);
    // A name no longer on file is no longer redacted.
    const submitted = await server.submit(sessionId, [
      { participantId: id, prompt: 'VALUES', text: 'Ask Ottoline Varga' },
    ]);
    expect(submitted.data.submitResponses.responses[0].text).toBe('Ask Ottoline Varga');
    expect((await server.ok(DEMOGRAPHICS, { id })).participant.demographics).not.toBeNull();
  });

  it('withdrawing PARTICIPATION deletes demographics and contact details with the responses', async () => {
    const id = await withSpecialCategory({
      consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA'), consent('FOLLOW_UP_CONTACT')],
      contact: { phone: '07700 900123' },
    });
    await server.ok(WITHDRAW, { p: id, purpose: 'PARTICIPATION' });
    const data = await server.ok(
      `query($id: ID!) { participant(id: $id) { contact { phone } demographics { religion } } }`,
      {
        id,
      },
    );
    expect(data.participant).toEqual({ contact: null, demographics: null });
  });

  it('a failed withdrawal leaves the answers where they were', async () => {
    const id = await withSpecialCategory();
    await server.ok(WITHDRAW, { p: id, purpose: 'SPECIAL_CATEGORY_DATA' });
    const again = await server.gql(WITHDRAW, { p: id, purpose: 'SPECIAL_CATEGORY_DATA' }, server.adminToken);
    expect(fieldOf(again)).toBe('purpose');
    const other = await withSpecialCategory();
    const refused = await server.gql(WITHDRAW, { p: other, purpose: 'FOLLOW_UP_CONTACT' }, server.adminToken);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect((await server.ok(DEMOGRAPHICS, { id: other })).participant.demographics).not.toBeNull();
  });
});
