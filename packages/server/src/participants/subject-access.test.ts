import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let sessionId: string;
beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession();
});
afterAll(() => server.stop());

const EXPORT = `mutation($p: String!) { participantDataExport(participant: $p) { participantId generatedAt json jsonPath htmlPath } }`;

/** A person with something in every table that can hold them. */
async function fullyHeldPerson(text = 'I love the Tuesday market on Hope Street') {
  const registrationKey = server.unique('registration');
  const id = await server.registerParticipant(server.adminToken, {
    sessionId,
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT'), consent('SPECIAL_CATEGORY_DATA')],
    contact: { name: 'Winifred Oyelaran', email: 'winnie@example.org' },
    demographics: { ethnicity: 'BLACK_AFRICAN', religion: 'CHRISTIAN' },
    idempotencyKey: registrationKey,
  });
  const submissionKey = server.unique('batch');
  const submitted = await server.submit(
    sessionId,
    [{ participantId: id, prompt: 'VALUES', text }],
    server.adminToken,
    submissionKey,
  );
  const responseId = submitted.data.submitResponses.responses[0].id;
  const theme = await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, {
    n: server.unique('Markets'),
  });
  await server.ok(
    `mutation($r: ID!, $t: ID!, $e: String!) { codeResponse(input: { responseId: $r, themeId: $t, excerpt: $e }) { id } }`,
    {
      r: responseId,
      t: theme.createTheme.id,
      e: text.slice(0, 6),
    },
  );
  await server.dataSource.query(`INSERT INTO quotes (response_id, excerpt) VALUES ($1, 'the Tuesday market')`, [
    responseId,
  ]);
  const [{ code }] = await server.dataSource.query(`SELECT code FROM participants WHERE id = $1`, [id]);
  return { id, code: code as string, responseId, registrationKey, submissionKey };
}

describe('participantDataExport', () => {
  it('gives an admin everything held, found by code, and audits it', async () => {
    const person = await fullyHeldPerson();
    const before = await server.count('audit_events', `action = 'participant.data_exported' AND entity_id = $1`, [
      person.id,
    ]);
    const data = await server.ok(EXPORT, { p: person.code.toLowerCase() });
    const exported = data.participantDataExport;
    expect(exported.participantId).toBe(person.id);
    expect(exported.jsonPath).toBe(`/exports/participants/${person.id}/data.json`);
    const doc = JSON.parse(exported.json);
    expect(doc.participant).toMatchObject({ id: person.id, code: person.code, connections: ['LIVES'] });
    expect(doc.contact).toEqual({ name: 'Winifred Oyelaran', email: 'winnie@example.org', phone: null });
    expect(doc.demographics).toMatchObject({ ethnicity: 'BLACK_AFRICAN', ethnicGroup: 'BLACK', religion: 'CHRISTIAN' });
    expect(doc.consentLedger.map((c: any) => [c.purpose, c.noticeVersion])).toEqual([
      ['PARTICIPATION', 'v1'],
      ['FOLLOW_UP_CONTACT', 'v1'],
      ['SPECIAL_CATEGORY_DATA', 'v1'],
    ]);
    expect(doc.responses).toEqual([expect.objectContaining({ id: person.responseId, prompt: 'VALUES' })]);
    expect(doc.codings).toEqual([expect.objectContaining({ excerpt: 'I love' })]);
    expect(doc.quotes).toEqual([expect.objectContaining({ excerpt: 'the Tuesday market' })]);
    expect(doc.auditEntries.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['participant.registered', 'consent.granted']),
    );
    expect(
      await server.count('audit_events', `action = 'participant.data_exported' AND entity_id = $1`, [person.id]),
    ).toBe(before + 1);
  });

  it('downloads as JSON and as a readable page from a path naming only the id, with a bearer token', async () => {
    const person = await fullyHeldPerson('Keep the <b>library</b> open');
    const path = `/exports/participants/${person.id}/data.html`;
    expect(path).not.toContain(person.code);
    const page = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Winifred Oyelaran');
    expect(html).toContain('Keep the &lt;b&gt;library&lt;/b&gt; open');
    expect(html).not.toContain('<b>library');
    const json = await fetch(`${server.url}/exports/participants/${person.id}/data.json`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(((await json.json()) as { participant: { id: string } }).participant.id).toBe(person.id);
  });

  it('refuses anyone but an admin, and an unknown person, over GraphQL and the download', async () => {
    const person = await fullyHeldPerson();
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    expect(codeOf(await server.gql(EXPORT, { p: person.id }, coordinator.token))).toBe('FORBIDDEN');
    const url = `${server.url}/exports/participants/${person.id}/data.json`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${coordinator.token}` } })).status).toBe(403);
    const unknown = await server.gql(EXPORT, { p: 'ZZZZZZ' }, server.adminToken);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(fieldOf(unknown)).toBe('participant');
    const missing = await fetch(`${server.url}/exports/participants/${person.id}/data.csv`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(missing.status).toBe(404);
  });
});

describe('erasure', () => {
  it('lists every table it touched on the receipt', async () => {
    const person = await fullyHeldPerson();
    const data = await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { tablesTouched { table rows } } }`, {
      id: person.id,
    });
    const touched = Object.fromEntries(data.eraseParticipant.tablesTouched.map((t: any) => [t.table, t.rows]));
    expect(touched).toMatchObject({
      participants: 1,
      consent_events: 3,
      responses: 1,
      codings: 1,
      quotes: 1,
      response_facts: 1,
      coding_facts: 1,
      participant_registrations: 1,
      submissions: 1,
    });
    expect(touched.contact_name_digests).toBeGreaterThan(0);
    // The erasure's own entry, and the earlier entries about them, their id blanked.
    const [{ n: erasedEntries }] = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id IS NULL OR entity_id = $1`,
      [person.id],
    );
    expect(touched.audit_events).toBeGreaterThan(1);
    expect(touched.audit_events).toBeLessThanOrEqual(erasedEntries);
  });

  it('leaves no keyed hash that a guess of their words, details or name could be tested against', async () => {
    const text = 'My neighbour Bronwen fixes bikes for free';
    const person = await fullyHeldPerson(text);
    const [registration] = await server.dataSource.query(
      `SELECT id FROM participant_registrations WHERE participant_id = $1`,
      [person.id],
    );
    const [submission] = await server.dataSource.query(
      `SELECT submission_id AS id FROM responses WHERE participant_id = $1`,
      [person.id],
    );
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, { id: person.id });
    for (const [table, id] of [
      ['participant_registrations', registration.id],
      ['submissions', submission.id],
    ]) {
      const [row] = await server.dataSource.query(
        `SELECT length(payload_hash) AS length, payload_hash_version AS version FROM ${table} WHERE id = $1`,
        [id],
      );
      expect(row).toEqual({ length: 0, version: 0 });
    }
    expect(await server.count('contact_name_digests', 'participant_id = $1', [person.id])).toBe(0);
  });

  it('still never stores a retried batch or registration again after the erasure', async () => {
    const person = await fullyHeldPerson('Retried words');
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { erasedAt } }`, { id: person.id });
    const before = await server.count('responses');
    const retry = await server.submit(
      sessionId,
      [{ prompt: 'VALUES', text: 'Retried words' }],
      server.adminToken,
      person.submissionKey,
    );
    expect(retry.data.submitResponses).toEqual({ duplicate: true, responses: [] });
    expect(await server.count('responses')).toBe(before);
    const registration = await server.gql(
      `mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { id } }`,
      {
        i: {
          sessionId,
          connections: ['LIVES'],
          consents: [consent('PARTICIPATION')],
          idempotencyKey: person.registrationKey,
        },
      },
      server.adminToken,
    );
    expect(codeOf(registration)).toBe('NOT_FOUND');
  });
});
