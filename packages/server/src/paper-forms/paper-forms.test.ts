import { Role } from '@chorus/shared';
import { codeOf, fieldOf, pdfQrCodes, pdfText, TestServer } from '../test/harness';

const SHEET = `query($code: String!) { paperForm(code: $code) { code noticeVersion purposes session { id title } } }`;
const TYPE_UP = `mutation($i: TypeUpPaperFormInput!) {
  typeUpPaperForm(input: $i) {
    id code ageBand session { id format }
    consents { purpose granted method noticeVersion }
  }
}`;
const RESPONSES = `query($p: ID!) { responses(filter: { participantId: $p }, first: 10) { edges { node { prompt text source } } } }`;

let server: TestServer;
let sessionId: string;

beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession(server.adminToken, {
    title: 'Market stall, 14 June',
    format: 'QUESTIONNAIRE',
  });
});
afterAll(() => server.stop());

function download(session: string, count: string, token = server.adminToken) {
  return fetch(`${server.url}/exports/sessions/${session}/paper-forms.pdf?count=${count}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Prints `count` forms and reads each sheet's code back from its QR codes, checking the printed code matches. */
async function print(count: number, session = sessionId, token = server.adminToken): Promise<string[]> {
  const response = await download(session, String(count), token);
  expect(response.status).toBe(200);
  const pdf = Buffer.from(await response.arrayBuffer());
  const printed = [...(await pdfText(pdf)).matchAll(/Your code: ([A-Z0-9]+)/g)].map((m) => m[1]!);
  const scanned = (await pdfQrCodes(pdf)).map((line) => line.split(' ')[1]!);
  expect(scanned).toEqual(printed);
  return [...new Set(printed)];
}

function typeUp(code: string, extra: Record<string, unknown> = {}, token = server.adminToken) {
  return server.gql(
    TYPE_UP,
    {
      i: {
        code,
        ticked: ['PARTICIPATION'],
        answers: [{ prompt: 'VALUES', text: 'The park. Write to me at jo.bloggs@example.com' }],
        connections: ['LIVES'],
        idempotencyKey: `key-${code}`,
        ...extra,
      },
    },
    token,
  );
}

describe('paper forms', () => {
  it('prints a sheet per code, each page with its code in words and as a QR code that reads back', async () => {
    const response = await download(sessionId, '3');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const words of [
      'Market stall, 14 June',
      'Privacy notice version',
      'Can we keep your answers and use them in our report?',
      'Can we use your words in the report?',
      'Can we ask about your ethnic group, religion and any disability?',
      'What do you like most about your community and our city?',
      'What works well already? What more do we need?',
      'How are you part of the city?',
      'How old are you?',
    ])
      expect(text).toContain(words);
    const codes = [...new Set([...text.matchAll(/Your code: ([A-Z0-9]+)/g)].map((m) => m[1]!))];
    expect(codes).toHaveLength(3);
    const scanned = (await pdfQrCodes(pdf)).map((line) => line.split(' ')[1]);
    expect(new Set(scanned)).toEqual(new Set(codes));
    expect(await server.count('paper_form_codes', 'session_id = $1 AND code = ANY($2)', [sessionId, codes])).toBe(3);
    expect(await server.count('audit_events', `action = 'paper_forms.printed'`)).toBeGreaterThan(0);
  });

  it('types a form up under its code with the consents exactly as ticked, redacted, as a paper questionnaire', async () => {
    const [code] = await print(1);
    const sheet = await server.ok(SHEET, { code: code!.toLowerCase().replace(/(...)/, '$1 ') });
    expect(sheet.paperForm).toMatchObject({
      code,
      purposes: ['PARTICIPATION', 'QUOTE', 'SPECIAL_CATEGORY_DATA'],
      session: { id: sessionId },
    });
    const form = {
      ticked: ['PARTICIPATION', 'SPECIAL_CATEGORY_DATA'],
      ageBand: 'AGE_25_34',
      demographics: { religion: 'NO_RELIGION' },
      answers: [
        { prompt: 'VALUES', text: 'The park. Write to me at jo.bloggs@example.com' },
        { prompt: 'FUTURE', text: 'More buses' },
        { prompt: 'CHALLENGES', text: '   ' },
      ],
    };
    const result = await typeUp(code!, form);
    expect(result.errors).toBeUndefined();
    const participant = result.data.typeUpPaperForm;
    expect(participant).toMatchObject({
      code,
      ageBand: 'AGE_25_34',
      session: { id: sessionId, format: 'QUESTIONNAIRE' },
    });
    const byPurpose = Object.fromEntries(participant.consents.map((c: any) => [c.purpose, c]));
    const { noticeVersion } = sheet.paperForm;
    expect(byPurpose).toEqual({
      PARTICIPATION: { purpose: 'PARTICIPATION', granted: true, method: 'WRITTEN', noticeVersion },
      QUOTE: { purpose: 'QUOTE', granted: false, method: 'WRITTEN', noticeVersion },
      SPECIAL_CATEGORY_DATA: { purpose: 'SPECIAL_CATEGORY_DATA', granted: true, method: 'WRITTEN', noticeVersion },
    });
    // Attribution and follow-up contact are not on the sheet: not asked, so nothing recorded.
    expect(await server.count('consent_events', `participant_id = $1`, [participant.id])).toBe(3);
    const responses = (await server.ok(RESPONSES, { p: participant.id })).responses.edges.map((e: any) => e.node);
    expect(responses).toHaveLength(2);
    expect(responses.find((r: any) => r.prompt === 'VALUES').text).not.toContain('jo.bloggs@example.com');
    expect(
      await server.count('paper_form_codes', 'code = $1 AND participant_id = $2 AND typed_up_at IS NOT NULL', [
        code,
        participant.id,
      ]),
    ).toBe(1);

    // A retry (same key) stores it once; the same code typed up again is refused beside the field.
    const retry = await typeUp(code!, form);
    expect(retry.data?.typeUpPaperForm.id).toBe(participant.id);
    expect(await server.count('participants', 'code = $1', [code])).toBe(1);
    expect(await server.count('responses', 'participant_id = $1', [participant.id])).toBe(2);
    const again = await typeUp(code!, { idempotencyKey: 'another-typist' });
    expect([codeOf(again), fieldOf(again)]).toEqual(['BAD_USER_INPUT', 'code']);
    const looked = await server.gql(SHEET, { code }, server.adminToken);
    expect([codeOf(looked), fieldOf(looked), looked.errors?.[0]?.message]).toEqual([
      'BAD_USER_INPUT',
      'code',
      'This form has already been typed up',
    ]);
  });

  it('keeps nothing from a form without the participation box ticked, and refuses boxes the form never printed', async () => {
    const [code] = await print(1);
    const unticked = await typeUp(code!, { ticked: ['QUOTE'] });
    expect(codeOf(unticked)).toBe('CONSENT_REQUIRED');
    const unasked = await typeUp(code!, { ticked: ['PARTICIPATION', 'ATTRIBUTION'] });
    expect([codeOf(unasked), fieldOf(unasked)]).toEqual(['BAD_USER_INPUT', 'consents']);
    const special = await typeUp(code!, { demographics: { religion: 'NO_RELIGION' } });
    expect([codeOf(special), fieldOf(special)]).toEqual(['CONSENT_REQUIRED', 'demographics.religion']);
    expect(await server.count('participants', 'code = $1', [code])).toBe(0);
    // Still free to type up once the form is read right.
    expect((await typeUp(code!)).errors).toBeUndefined();
  });

  it('refuses an unknown or empty code beside the field', async () => {
    const unknown = await typeUp('ZZZZZZ');
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'code']);
    const empty = await server.gql(SHEET, { code: ' - ' }, server.adminToken);
    expect([codeOf(empty), fieldOf(empty)]).toEqual(['BAD_USER_INPUT', 'code']);
  });

  it('prints and types up only within reach: another organisation gets not found', async () => {
    const own = await server.createOrganisation();
    const other = await server.createOrganisation();
    const ownKey = await server.apiKey(Role.PARTNER, own);
    const otherKey = await server.apiKey(Role.PARTNER, other);
    const partnerSession = await server.createSession(ownKey, { format: 'QUESTIONNAIRE' });
    const [code] = await print(1, partnerSession, ownKey);

    const refused = await download(partnerSession, '1', otherKey);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'sessionId',
    });
    const typedByOther = await typeUp(code!, {}, otherKey);
    expect([codeOf(typedByOther), fieldOf(typedByOther)]).toEqual(['NOT_FOUND', 'code']);
    expect(codeOf(await server.gql(SHEET, { code }, otherKey))).toBe('NOT_FOUND');
    // The admin's own printed sheet is out of this partner's reach as well.
    const [adminCode] = await print(1);
    expect(codeOf(await typeUp(adminCode!, {}, ownKey))).toBe('NOT_FOUND');

    const typed = await typeUp(code!, {}, ownKey);
    expect(typed.errors).toBeUndefined();
    expect(await server.count('participants', 'code = $1 AND organisation_id = $2', [code, own])).toBe(1);
  });

  it('refuses a bad count, a session that is not a questionnaire, and callers without paperForm.print', async () => {
    for (const count of ['0', '101', 'lots', '']) {
      const response = await download(sessionId, count);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.field).toBe('count');
    }
    const workshop = await server.createSession();
    const notQuestionnaire = await download(workshop, '1');
    expect(notQuestionnaire.status).toBe(400);
    expect(((await notQuestionnaire.json()) as any).errors[0].extensions.field).toBe('sessionId');
    expect((await download(sessionId, '1', await server.apiKey(Role.COUNCIL_READER))).status).toBe(403);
    expect((await download(sessionId, '1', (await server.userWithRole(Role.ANALYST)).token)).status).toBe(403);
    expect((await fetch(`${server.url}/exports/sessions/${sessionId}/paper-forms.pdf?count=1`)).status).toBe(401);
  });
});
