import { Role } from '@chorus/shared';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';

/**
 * Census populations by area and special-category group over the API, and reach by those groups
 * set against them: the released figure over the recorded population, never the true count.
 */
let server: TestServer;
let area: string;
let sessionId: string;

const SET = `mutation($i: SetCensusPopulationsInput!) {
  setCensusPopulations(input: $i) { id areaId category group population area { id name } }
}`;
const LIST = `query($f: CensusPopulationFilter, $first: Int, $after: String) {
  censusPopulations(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { areaId category group population } }
  }
}`;
const SPECIAL = `query($by: SpecialCategory!, $filter: TableFilter) {
  specialCategoryReach(by: $by, filter: $filter) { participants { value } population perThousand
    rows { key value suppressed population perThousand underHeard } }
}`;

const set = (populations: { group: string; population: number | null }[], category = 'RELIGION', areaId = area) =>
  server.gql(SET, { i: { areaId, category, populations } }, server.adminToken);
const listed = async (filter: Record<string, unknown>) =>
  (await server.ok(LIST, { f: filter, first: 100 })).censusPopulations.edges.map(
    (edge: { node: { group: string; population: number } }) => [edge.node.group, edge.node.population],
  );
const reachRow = async (key: string, filter: Record<string, unknown> = {}) => {
  const data = (await server.ok(SPECIAL, { by: 'RELIGION', filter })).specialCategoryReach;
  return data.rows.find((row: { key: string | null }) => row.key === key);
};

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: 3 });
  area = await server.createArea(20_000);
  sessionId = await server.createSession(server.adminToken, { areaId: area });
  for (let i = 0; i < 8; i++) {
    const participantId = await server.registerParticipant(server.adminToken, {
      sessionId,
      consents: [consent('PARTICIPATION'), consent('SPECIAL_CATEGORY_DATA')],
      demographics: { religion: 'SIKH' },
    });
    const result = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text: 'The langar.' }]);
    expect(result.errors).toBeUndefined();
  }
}, 120_000);
afterAll(() => server.stop());

describe('census populations by special-category group', () => {
  it("sets an area's figures for a category in one go, and lists them by area and category", async () => {
    const saved = await set([
      { group: 'SIKH', population: 1_600 },
      { group: 'MUSLIM', population: 2_400 },
    ]);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.setCensusPopulations.map((row: { group: string }) => row.group)).toEqual(['MUSLIM', 'SIKH']);
    expect(saved.data.setCensusPopulations[0]).toMatchObject({
      areaId: area,
      category: 'RELIGION',
      area: { id: area },
    });
    expect(await listed({ areaId: area, category: 'RELIGION' })).toEqual(
      expect.arrayContaining([
        ['SIKH', 1_600],
        ['MUSLIM', 2_400],
      ]),
    );
    expect(await listed({ areaId: area, category: 'DISABILITY' })).toEqual([]);

    // A group left out or set to null is cleared; the rest are replaced.
    await set([
      { group: 'SIKH', population: 1_500 },
      { group: 'MUSLIM', population: null },
    ]);
    expect(await listed({ areaId: area, category: 'RELIGION' })).toEqual([['SIKH', 1_500]]);
    const [entry] = await server.dataSource.query(
      `SELECT entity_type, entity_id, details FROM audit_events WHERE action = 'area.census_populations_set'
       ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(entry).toEqual({ entity_type: 'area', entity_id: area, details: { category: 'RELIGION', groups: 1 } });
  });

  it('refuses a group the category does not have, a repeat, a bad population and an unknown area, naming each, and changes nothing', async () => {
    const before = await listed({ areaId: area });
    const refused = (result: Awaited<ReturnType<typeof set>>) => [codeOf(result), fieldOf(result)];
    expect(
      refused(
        await set([
          { group: 'SIKH', population: 10 },
          { group: 'ASIAN', population: 10 },
        ]),
      ),
    ).toEqual(['BAD_USER_INPUT', 'populations.1.group']);
    expect(refused(await set([{ group: 'PREFER_NOT_TO_SAY', population: 10 }]))).toEqual([
      'BAD_USER_INPUT',
      'populations.0.group',
    ]);
    expect(
      refused(
        await set([
          { group: 'SIKH', population: 1 },
          { group: 'SIKH', population: 2 },
        ]),
      ),
    ).toEqual(['BAD_USER_INPUT', 'populations.1.group']);
    expect(refused(await set([{ group: 'SIKH', population: -4 }]))).toEqual([
      'BAD_USER_INPUT',
      'populations.0.population',
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(refused(await set([{ group: 'SIKH', population: 4 }], 'RELIGION', unknown))).toEqual([
      'NOT_FOUND',
      'areaId',
    ]);
    expect(refused(await set([], 'RELIGION', 'not-an-id'))).toEqual(['BAD_USER_INPUT', 'areaId']);
    const badFilter = await server.gql(LIST, { f: { areaId: 'nope' } }, server.adminToken);
    expect([codeOf(badFilter), fieldOf(badFilter)]).toEqual(['BAD_USER_INPUT', 'filter.areaId']);
    expect(await listed({ areaId: area })).toEqual(before);
  });

  it('is read and set by admins only', async () => {
    const coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
    const council = await server.apiKey(Role.COUNCIL_READER);
    const partner = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    for (const token of [coordinator, council, partner]) {
      expect(codeOf(await server.gql(LIST, {}, token))).toBe('FORBIDDEN');
      const write = await server.gql(SET, { i: { areaId: area, category: 'RELIGION', populations: [] } }, token);
      expect(codeOf(write)).toBe('FORBIDDEN');
    }
    expect(await listed({ areaId: area })).toEqual([['SIKH', 1_500]]);
  });

  it('pages through every figure', async () => {
    await set(
      ['REDUCED_A_LOT', 'REDUCED_A_LITTLE', 'NOT_REDUCED', 'NO_CONDITION'].map((group, i) => ({
        group,
        population: 1_000 * (i + 1),
      })),
      'DISABILITY',
    );
    const first = (await server.ok(LIST, { first: 3 })).censusPopulations;
    expect(first.totalCount).toBe(5);
    expect(first.edges).toHaveLength(3);
    const rest = (await server.ok(LIST, { first: 3, after: first.pageInfo.endCursor })).censusPopulations;
    expect(rest.edges).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
});

describe('reach by a special category against census population', () => {
  it("sets an area's released figures against its census population by group", async () => {
    const data = (await server.ok(SPECIAL, { by: 'RELIGION', filter: { areaId: area } })).specialCategoryReach;
    const sikh = data.rows.find((row: { key: string | null }) => row.key === 'SIKH');
    expect(sikh.suppressed).toBe(false);
    expect(sikh.population).toBe(1_500);
    // From the released (perturbed) figure, to one decimal place.
    expect(sikh.perThousand).toBe(Math.round(((sikh.value * 1000) / 1_500) * 10) / 10);
    expect(data.population).toBe(1_500);
    // No census figure for Muslims in the area now, and none for those who did not say.
    expect(data.rows.find((row: { key: string | null }) => row.key === 'MUSLIM')).toMatchObject({
      population: null,
      perThousand: null,
    });
    expect(data.rows.find((row: { key: string | null }) => row.key === null).population).toBeNull();
  });

  it('gives a city-wide figure for a group only once every area has one', async () => {
    await server.createArea(9_000);
    expect((await reachRow('SIKH')).population).toBeNull();
    const areas: { id: string }[] = await server.dataSource.query(`SELECT id FROM areas WHERE id <> $1`, [area]);
    for (const other of areas)
      expect((await set([{ group: 'SIKH', population: 100 }], 'RELIGION', other.id)).errors).toBeUndefined();
    const sikh = await reachRow('SIKH');
    expect(sikh.population).toBe(1_500 + 100 * areas.length);
    expect(sikh.perThousand).toBe(Math.round(((sikh.value * 1000) / sikh.population) * 10) / 10);
  });
});
