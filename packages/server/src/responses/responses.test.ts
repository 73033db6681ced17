import { randomUUID } from 'node:crypto';
import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let sessionId: string;
let participantId: string;

beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession();
  participantId = await server.registerParticipant(server.adminToken, { sessionId });
});
afterAll(() => server.stop());

const said = (text: string, extra: Record<string, unknown> = {}) => ({
  participantId,
  prompt: 'VALUES',
  text,
  ...extra,
});

describe('submitResponses', () => {
  it('stores a batch and returns it in order, with source and participant', async () => {
    const result = await server.submit(sessionId, [
      said('The canal walk on a Sunday'),
      said('Oatcakes from the hole in the wall', { prompt: 'BELONGING' }),
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data.submitResponses.duplicate).toBe(false);
    expect(result.data.submitResponses.responses.map((r: any) => [r.prompt, r.text, r.participant.id])).toEqual([
      ['VALUES', 'The canal walk on a Sunday', participantId],
      ['BELONGING', 'Oatcakes from the hole in the wall', participantId],
    ]);
  });

  it('stores group notes without a participant', async () => {
    const result = await server.submit(sessionId, [{ prompt: 'FUTURE', text: 'Table 3 wanted more youth clubs' }]);
    expect(result.data.submitResponses.responses[0].participant).toBeNull();
  });

  it('returns the first result for a retry with the same key, storing nothing new', async () => {
    const key = randomUUID();
    const first = await server.submit(sessionId, [said('Retry me once')], server.adminToken, key);
    const before = await server.count('responses');
    const again = await server.submit(sessionId, [said('Retry me once')], server.adminToken, key);
    expect(again.data.submitResponses.duplicate).toBe(true);
    expect(again.data.submitResponses.responses.map((r: any) => r.id)).toEqual(
      first.data.submitResponses.responses.map((r: any) => r.id),
    );
    expect(await server.count('responses')).toBe(before);
  });

  it('refuses the same key with a different payload', async () => {
    const key = randomUUID();
    await server.submit(sessionId, [said('Original words')], server.adminToken, key);
    const before = await server.count('responses');
    const conflict = await server.submit(sessionId, [said('Different words')], server.adminToken, key);
    expect(codeOf(conflict)).toBe('IDEMPOTENCY_CONFLICT');
    expect(fieldOf(conflict)).toBe('idempotencyKey');
    expect(await server.count('responses')).toBe(before);
  });

  it('stores exactly one batch under 20 concurrent retries of one key', async () => {
    const key = randomUUID();
    const batch = [said('Concurrent one'), said('Concurrent two'), said('Concurrent three')];
    const results = await Promise.all(
      Array.from({ length: 20 }, () => server.submit(sessionId, batch, server.adminToken, key)),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(results.filter((r) => !r.data.submitResponses.duplicate)).toHaveLength(1);
    const ids = new Set(results.map((r) => r.data.submitResponses.responses.map((x: any) => x.id).join()));
    expect(ids.size).toBe(1);
    expect(await server.count('responses', 'text = $1', ['Concurrent one'])).toBe(1);
    expect(await server.count('submissions', 'idempotency_key = $1', [key])).toBe(1);
  });

  it('stores nothing when one response is bad, naming responses.N.<field>', async () => {
    const before = await server.count('responses');
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '   ' }, 'responses.2.text'],
      [{ text: 'x'.repeat(10_001) }, 'responses.2.text'],
      [{ participantId: 'nope' }, 'responses.2.participantId'],
      [{ language: 'not a language' }, 'responses.2.language'],
    ];
    for (const [bad, field] of cases) {
      const result = await server.submit(sessionId, [said('fine'), said('also fine'), said('bad', bad)]);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe(field);
    }
    expect(await server.count('responses')).toBe(before);
  });

  it('refuses an empty batch, one over 500, and an over-long key', async () => {
    expect(fieldOf(await server.submit(sessionId, []))).toBe('responses');
    expect(
      fieldOf(
        await server.submit(
          sessionId,
          Array.from({ length: 501 }, (_, i) => said(`n${i}`)),
        ),
      ),
    ).toBe('responses');
    expect(fieldOf(await server.submit(sessionId, [said('x')], server.adminToken, 'k'.repeat(256)))).toBe(
      'idempotencyKey',
    );
  });

  it('refuses a participant without standing PARTICIPATION consent, storing nothing', async () => {
    const withdrawn = await server.registerParticipant(server.adminToken, { sessionId });
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { granted } }`, {
      p: withdrawn,
    });
    const before = await server.count('responses');
    const result = await server.submit(sessionId, [
      said('fine'),
      { participantId: withdrawn, prompt: 'VALUES', text: 'no' },
    ]);
    expect(codeOf(result)).toBe('CONSENT_REQUIRED');
    expect(fieldOf(result)).toBe('responses.1.participantId');
    expect(await server.count('responses')).toBe(before);
  });

  it('refuses a cancelled session', async () => {
    const cancelled = await server.createSession();
    await server.ok(`mutation($id: ID!) { updateSession(id: $id, input: { status: CANCELLED }) { id } }`, {
      id: cancelled,
    });
    expect(fieldOf(await server.submit(cancelled, [{ prompt: 'VALUES', text: 'x' }]))).toBe('sessionId');
  });

  it('marks partner submissions as PARTNER_API', async () => {
    const org = await server.createOrganisation();
    const key = await server.apiKey(Role.PARTNER, org);
    const own = await server.createSession(key);
    const result = await server.submit(own, [{ prompt: 'WHAT_WORKS', text: 'The food bank volunteers' }], key);
    const [row] = await server.dataSource.query(`SELECT source FROM responses WHERE id = $1`, [
      result.data.submitResponses.responses[0].id,
    ]);
    expect(row.source).toBe('PARTNER_API');
  });
});

describe('redaction before storage', () => {
  it.each([
    ['email me at jo.bloggs+chorus@example.co.uk please', 'email me at [EMAIL] please'],
    ['ring 07700 900123 any time', 'ring [PHONE] any time'],
    ['call +44 (0)1782 234567', 'call [PHONE]'],
    ['office (01782) 234-567', 'office [PHONE]'],
    ['I live at ST4 7QB', 'I live at [POSTCODE]'],
    ['post it to st11aa', 'post it to [POSTCODE]'],
  ])('stores %j as %j', async (text, stored) => {
    const result = await server.submit(sessionId, [{ prompt: 'CHALLENGES', text }]);
    expect(result.data.submitResponses.responses[0].text).toBe(stored);
    expect(await server.count('responses', 'text = $1', [text])).toBe(0);
  });

  it('redacts the names of participants who left contact details', async () => {
    await server.registerParticipant(server.adminToken, {
      sessionId,
      consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT')],
      contact: { name: 'Gwendolyn Barraclough', email: 'gwen@example.org' },
    });
    const result = await server.submit(sessionId, [
      { prompt: 'BELONGING', text: 'Gwendolyn Barraclough runs the lunch club; gwendolyn barraclough is a star' },
    ]);
    expect(result.data.submitResponses.responses[0].text).toBe('[NAME] runs the lunch club; [NAME] is a star');
  });
});

describe('responses', () => {
  const RESPONSES = `query($first: Int, $after: String, $filter: ResponseFilter) {
    responses(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id prompt text session { id } themes { id name } } }
    }
  }`;

  it('walks every page with no gap or repeat', async () => {
    const own = await server.createSession();
    const stored = await server.submit(
      own,
      Array.from({ length: 25 }, (_, i) => ({ prompt: 'FUTURE', text: `Idea number ${i}` })),
    );
    const expected = new Set(stored.data.submitResponses.responses.map((r: any) => r.id));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await server.ok(RESPONSES, { first: 10, after, filter: { sessionId: own } });
      expect(data.responses.totalCount).toBe(25);
      seen.push(...data.responses.edges.map((e: any) => e.node.id));
      after = data.responses.pageInfo.hasNextPage ? data.responses.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(expected);
  });

  it('finds responses by full-text search and prompt', async () => {
    const own = await server.createSession();
    await server.submit(own, [
      { prompt: 'CHALLENGES', text: 'The buses stop running before the night shift ends' },
      { prompt: 'VALUES', text: 'Neighbours who look out for each other' },
    ]);
    const bus = await server.ok(RESPONSES, { filter: { sessionId: own, search: 'bus' } });
    expect(bus.responses.edges.map((e: any) => e.node.text)).toEqual([
      'The buses stop running before the night shift ends',
    ]);
    const values = await server.ok(RESPONSES, { filter: { sessionId: own, prompt: 'VALUES' } });
    expect(values.responses.totalCount).toBe(1);
  });
});
