import { Role } from '@chorus/shared';
import { codeOf, consent, TestServer } from '../test/harness';
import { release } from './ptable';

/**
 * Reach by ethnic group, religion and disability over the API, against the true counts and cell
 * keys of the people the test registered: the answers are encrypted, the figures are not secret.
 */
const THRESHOLD = 3;
let server: TestServer;
let sessionId: string;
const sikhs: string[] = [];
const unanswered: string[] = [];

const SPECIAL = `query($by: SpecialCategory!, $filter: TableFilter) {
  specialCategoryReach(by: $by, filter: $filter) { threshold method participants { value suppressed }
    population rows { key label value suppressed reason population perThousand underHeard } }
}`;
const REACH = `query { reach(by: AREA) { participants { value suppressed } } }`;
const WITHDRAW = `mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: SPECIAL_CATEGORY_DATA) { purpose } }`;

/** One person heard, with these answers (and the consent to keep them) or none. */
async function hear(demographics: Record<string, string> | null): Promise<string> {
  const participantId = await server.registerParticipant(server.adminToken, {
    sessionId,
    consents: [consent('PARTICIPATION'), ...(demographics ? [consent('SPECIAL_CATEGORY_DATA')] : [])],
    ...(demographics ? { demographics } : {}),
  });
  const result = await server.submit(sessionId, [{ participantId, prompt: 'BELONGING', text: 'The gurdwara langar.' }]);
  expect(result.errors).toBeUndefined();
  return participantId;
}

/** The released figure of these participants, from their record keys. */
async function expected(ids: string[]) {
  const [row] = await server.dataSource.query(
    `SELECT count(*)::int AS n, coalesce(sum(record_key), 0)::int AS k FROM participants WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return release(row.n, row.k, THRESHOLD);
}

const rowOf = async (by: string, key: string | null, token = server.adminToken) => {
  const data = await server.ok(SPECIAL, { by }, token);
  return data.specialCategoryReach.rows.find((row: { key: string | null }) => row.key === key);
};

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  sessionId = await server.createSession();
  for (let i = 0; i < 6; i++) sikhs.push(await hear({ religion: 'SIKH', ethnicity: 'ASIAN_INDIAN' }));
  await hear({ religion: 'MUSLIM' });
  for (let i = 0; i < 4; i++) unanswered.push(await hear(null));
}, 120_000);
afterAll(() => server.stop());

describe('reach by a special category', () => {
  it('releases each answer through the ptable, withholds a small one, and totals as reach does', async () => {
    const data = (await server.ok(SPECIAL, { by: 'RELIGION' })).specialCategoryReach;
    expect(data.threshold).toBe(THRESHOLD);
    expect(data.population).toBeNull();
    expect(data.rows.map((row: { key: string | null }) => row.key)).toEqual([
      'NO_RELIGION',
      'CHRISTIAN',
      'BUDDHIST',
      'HINDU',
      'JEWISH',
      'MUSLIM',
      'SIKH',
      'OTHER',
      'PREFER_NOT_TO_SAY',
      null,
    ]);
    const row = (key: string | null) => data.rows.find((r: { key: string | null }) => r.key === key);
    expect(row('SIKH')).toMatchObject({
      ...(await expected(sikhs)),
      label: 'Sikh',
      population: null,
      underHeard: false,
    });
    expect(row('SIKH').suppressed).toBe(false);
    // One Muslim participant: withheld, like any figure under the threshold; so is an empty category.
    expect(row('MUSLIM')).toMatchObject({ value: null, suppressed: true, reason: 'BELOW_THRESHOLD' });
    expect(row('JEWISH')).toMatchObject({ value: null, suppressed: true });
    expect(row(null)).toMatchObject({ label: 'Not stated', ...(await expected(unanswered)) });
    // The same people as reach counts, so the same released total.
    expect(data.participants).toEqual((await server.ok(REACH)).reach.participants);

    const groups = (await server.ok(SPECIAL, { by: 'ETHNIC_GROUP' })).specialCategoryReach.rows;
    expect(groups.find((r: { key: string | null }) => r.key === 'ASIAN')).toMatchObject(await expected(sikhs));
  });

  it('counts only who was heard under the filter', async () => {
    const data = await server.ok(SPECIAL, { by: 'RELIGION', filter: { prompt: 'FUTURE' } });
    expect(data.specialCategoryReach.participants).toMatchObject({ value: null, suppressed: true });
  });

  it('moves a person to "not stated" once they withdraw SPECIAL_CATEGORY_DATA consent', async () => {
    const [leaving] = sikhs.splice(0, 1);
    await server.ok(WITHDRAW, { p: leaving });
    expect(await rowOf('RELIGION', 'SIKH')).toMatchObject(await expected(sikhs));
    expect(await rowOf('RELIGION', null)).toMatchObject(await expected([...unanswered, leaving!]));
    expect(await rowOf('ETHNIC_GROUP', 'ASIAN')).toMatchObject(await expected(sikhs));
  });

  it('is for staff who analyse, never council keys or partners', async () => {
    const analyst = (await server.userWithRole(Role.ANALYST)).token;
    expect((await rowOf('DISABILITY', null, analyst)).label).toBe('Not stated');
    const facilitator = (await server.userWithRole(Role.FACILITATOR)).token;
    const council = await server.apiKey(Role.COUNCIL_READER);
    const partner = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    for (const token of [facilitator, council, partner]) {
      expect(codeOf(await server.gql(SPECIAL, { by: 'RELIGION' }, token))).toBe('FORBIDDEN');
    }
  });

  it('refuses a bad filter, naming the field', async () => {
    const result = await server.gql(SPECIAL, { by: 'RELIGION', filter: { month: 'June' } }, server.adminToken);
    expect(result.errors?.[0]?.extensions?.field).toBe('filter.month');
  });
});
