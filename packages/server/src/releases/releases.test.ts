import { LABELS, Role } from '@chorus/shared';
import pino from 'pino';
import { seedDemoData } from '../demo/seed';
import { computeTable, computeTables, RELEASE_TABLES } from '../disclosure';
import { codeOf, fieldOf, TestServer } from '../test/harness';
import { NAMED_TABLES } from './release-tables';

let server: TestServer;
let coordinator: string;
let councilKey: string;
const THRESHOLD = 5;

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  await seedDemoData(server.systemContext(), server.services, pino({ level: 'silent' }));
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  councilKey = await server.apiKey(Role.COUNCIL_READER);
}, 60_000);
afterAll(() => server.stop());

const PUBLISH = `mutation { publishRelease { version status threshold method contentHash tableCount cellCount } }`;
const TABLE = `query($version: Int, $name: String!, $after: String) {
  release(version: $version) {
    version
    table(name: $name) {
      name cellCount contentHash
      cells(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { kind rowKey rowLabel columnKey columnLabel value suppressed reason } }
      }
    }
  }
}`;

async function allCells(token: string, name: string, version?: number) {
  const cells: { value: number | null; suppressed: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await server.ok(TABLE, { version, name, after }, token);
    const page = data.release.table.cells;
    cells.push(...page.edges.map((e: { node: (typeof cells)[number] }) => e.node));
    if (!page.pageInfo.hasNextPage) return cells;
    after = page.pageInfo.endCursor;
  }
}

function get(path: string, token?: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

describe('publishing a release', () => {
  let first: any;

  beforeAll(async () => {
    first = (await server.ok(PUBLISH, {}, coordinator)).publishRelease;
  }, 60_000);

  it('snapshots every table under the threshold and method, hashed and audited', async () => {
    expect(first).toMatchObject({ status: 'PUBLISHED', threshold: THRESHOLD, tableCount: NAMED_TABLES.length });
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.method).toContain('cell-key');
    expect(
      await server.count('audit_events', `action = 'release.published' AND details->>'version' = $1`, [
        String(first.version),
      ]),
    ).toBe(1);
  });

  it('numbers the next release one higher; the same figures give the same hash', async () => {
    const { publishRelease: next } = await server.ok(PUBLISH, {}, coordinator);
    expect(next.version).toBe(first.version + 1);
    expect(next.contentHash).toBe(first.contentHash);
    const { release } = await server.ok(`{ release { version } }`, {}, councilKey);
    expect(release.version).toBe(next.version);
  }, 60_000);

  it('counts all tables together to exactly the figures each gives alone', async () => {
    const ctx = server.systemContext();
    const alone = [];
    for (const spec of RELEASE_TABLES) alone.push(await computeTable(ctx, spec));
    expect(await computeTables(ctx, RELEASE_TABLES)).toEqual(alone);
  }, 60_000);

  it('gives a council key every table, each figure withheld or at least the threshold', async () => {
    const { release } = await server.ok(`{ release { tables { name cellCount } } }`, {}, councilKey);
    expect(release.tables.map((t: { name: string }) => t.name)).toEqual(NAMED_TABLES.map((t) => t.name));
    const cells = await allCells(councilKey, 'themes-by-area');
    expect(cells).toHaveLength(release.tables[0].cellCount);
    expect(cells.some((c) => !c.suppressed)).toBe(true);
    for (const cell of cells) {
      if (cell.suppressed) expect(cell.value).toBeNull();
      else expect(cell.value).toBeGreaterThanOrEqual(THRESHOLD);
    }
  }, 30_000);

  it('labels enum rows and columns in words (Workshop, Focus group, 16–24), keyed by their codes', async () => {
    type Labelled = {
      kind: string;
      rowKey: string | null;
      rowLabel: string | null;
      columnKey: string | null;
      columnLabel: string | null;
    };
    const byFormat = (await allCells(councilKey, 'responses-by-area-and-format')) as unknown as Labelled[];
    const formats = byFormat.filter((c) => c.kind === 'COLUMN_TOTAL').map((c) => [c.columnKey, c.columnLabel]);
    expect(Object.fromEntries(formats)).toEqual(LABELS.format);
    expect(Object.fromEntries(formats).FOCUS_GROUP).toBe('Focus group');
    const bands = ((await allCells(councilKey, 'themes-by-age-band')) as unknown as Labelled[]).filter(
      (c) => c.kind === 'ROW_TOTAL',
    );
    expect(bands.find((c) => c.rowKey === 'AGE_16_24')!.rowLabel).toBe('16–24');
    expect(bands.find((c) => c.rowKey === null)!.rowLabel).toBe('Not stated');
  });

  it('holds the sessions held and the responses coded, each within the noise of the truth', async () => {
    type Cell = { kind: string; value: number | null };
    const total = async (name: string) =>
      ((await allCells(councilKey, name)) as unknown as Cell[]).find((c) => c.kind === 'TOTAL')!.value!;
    const snapshot = `(SELECT snapshot_at FROM releases WHERE version = ${first.version})`;
    const held = await server.count('sessions', `status = 'HELD' AND starts_at <= ${snapshot}`);
    const coded = await server.count(
      'responses',
      'EXISTS (SELECT 1 FROM codings c WHERE c.response_id = responses.id)',
    );
    expect(Math.abs((await total('sessions-by-area-and-format')) - held)).toBeLessThanOrEqual(3);
    expect(Math.abs((await total('coded-responses-by-area-and-prompt')) - coded)).toBeLessThanOrEqual(3);
  });

  it.each([
    ['columns', `themeTable(rows: AREA, columns: THEME, measure: SESSIONS)`],
    ['rows', `themeTable(rows: PROMPT, columns: FORMAT, measure: SESSIONS)`],
    ['filter.ageBand', `themeTable(rows: AREA, columns: FORMAT, measure: SESSIONS, filter: { ageBand: AGE_16_24 })`],
    ['columns', `themeTable(rows: AREA, columns: THEME, measure: CODED_RESPONSES)`],
  ])('refuses a table sessions or coded responses cannot have, naming %s', async (field, table) => {
    const result = await server.gql(`{ ${table} { total { value } } }`, {}, councilKey);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('names the tables there are for an unknown one, and refuses an unknown version', async () => {
    const table = await server.gql(TABLE, { name: 'people-by-name' }, councilKey);
    expect([codeOf(table), fieldOf(table)]).toEqual(['NOT_FOUND', 'name']);
    expect(table.errors?.[0]?.message).toContain('themes-by-area');
    const version = await server.gql(TABLE, { name: 'themes-by-area', version: 999 }, councilKey);
    expect([codeOf(version), fieldOf(version)]).toEqual(['NOT_FOUND', 'version']);
  });

  it.each([
    ['a council key', () => Promise.resolve(councilKey)],
    ['an analyst', async () => (await server.userWithRole(Role.ANALYST)).token],
    ['a facilitator', async () => (await server.userWithRole(Role.FACILITATOR)).token],
  ])('refuses %s a publication', async (_who, token) => {
    const result = await server.gql(PUBLISH, {}, await token());
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('refuses a partner key and a facilitator the releases', async () => {
    const partner = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    const facilitator = (await server.userWithRole(Role.FACILITATOR)).token;
    for (const token of [partner, facilitator]) {
      expect(codeOf(await server.gql(`{ releases { totalCount } }`, {}, token))).toBe('FORBIDDEN');
      expect((await get('/exports/releases/latest/themes-by-area.csv', token)).status).toBe(403);
    }
  });

  it('lists releases newest first, a page at a time', async () => {
    const { releases } = await server.ok(
      `{ releases(first: 1) { totalCount pageInfo { hasNextPage } edges { node { version } } } }`,
      {},
      councilKey,
    );
    expect(releases.totalCount).toBeGreaterThanOrEqual(2);
    expect(releases.pageInfo.hasNextPage).toBe(true);
    expect(releases.edges[0].node.version).toBe(first.version + 1);
  });

  it('refuses any change to a published release in the database itself', async () => {
    await expect(server.dataSource.query(`UPDATE release_cells SET value = 1`)).rejects.toThrow(/cannot change/);
    await expect(server.dataSource.query(`DELETE FROM release_tables`)).rejects.toThrow(/cannot change/);
    await expect(server.dataSource.query(`UPDATE releases SET threshold = 1`)).rejects.toThrow(/cannot change/);
  });
});

describe('exports', () => {
  beforeAll(async () => {
    await server.ok(PUBLISH, {}, coordinator);
  }, 60_000);

  it('sends a CSV with a stable header, the version on every row and suppressed cells marked', async () => {
    const { release } = await server.ok(`{ release { version publishedAt } }`, {}, councilKey);
    const response = await get('/exports/releases/latest/themes-by-area.csv', councilKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('last-modified')).toBe(new Date(release.publishedAt).toUTCString());
    const [header, ...rows] = (await response.text()).trimEnd().split('\r\n');
    expect(header).toBe('release_version,table,kind,row_key,row_label,column_key,column_label,value,suppressed,reason');
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.startsWith(`${release.version},themes-by-area,`)).toBe(true);
    expect(rows.some((row) => row.endsWith(',,true,BELOW_THRESHOLD'))).toBe(true);
  });

  it('answers a repeated pull with 304 while the release stands, and the body again without the tag', async () => {
    const first = await get('/exports/releases/latest/themes-by-month.json', councilKey);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}-v\d+-json"$/);
    const body = (await first.json()) as { release: { version: number }; cells: Record<string, unknown>[] };
    expect(body.cells[0]).toEqual(expect.objectContaining({ release_version: body.release.version }));
    const again = await get('/exports/releases/latest/themes-by-month.json', councilKey, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const csv = await get('/exports/releases/latest/themes-by-month.csv', councilKey, { 'if-none-match': etag });
    expect(csv.status).toBe(200);
  });

  it('is 401 without a key, 404 naming the tables for an unknown one, 404 for an unknown version', async () => {
    const anonymous = await get('/exports/releases/latest/themes-by-area.csv');
    expect(anonymous.status).toBe(401);
    const unknown = await get('/exports/releases/latest/participants.csv', councilKey);
    expect(unknown.status).toBe(404);
    const { errors } = (await unknown.json()) as { errors: { message: string; extensions: unknown }[] };
    expect(errors[0]!.extensions).toEqual({ code: 'NOT_FOUND', field: 'table' });
    expect(errors[0]!.message).toContain('themes-by-area');
    expect((await get('/exports/releases/999/themes-by-area.csv', councilKey)).status).toBe(404);
    expect((await get('/exports/releases/latest/themes-by-area.xlsx', councilKey)).status).toBe(404);
  });

  it('never carries a row about a person: no id, code or text of a participant or response, in any table', async () => {
    const people: { id: string; code: string }[] = await server.dataSource.query(`SELECT id, code FROM participants`);
    const responses: { id: string }[] = await server.dataSource.query(`SELECT id FROM responses`);
    const secrets = [...people.flatMap((p) => [p.id, p.code]), ...responses.map((r) => r.id)];
    for (const { name } of NAMED_TABLES) {
      const response = await get(`/exports/releases/latest/${name}.json`, councilKey);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const secret of secrets) expect(text).not.toContain(secret);
      const { cells } = JSON.parse(text) as { cells: { value: number | null; suppressed: boolean }[] };
      for (const cell of cells) {
        if (cell.suppressed) expect(cell.value).toBeNull();
        else expect(cell.value).toBeGreaterThanOrEqual(THRESHOLD);
      }
    }
  }, 60_000);

  it('keeps a release as it was after a later withdrawal; the next release reflects it', async () => {
    const { publishRelease: before } = await server.ok(PUBLISH, {}, coordinator);
    const path = `/exports/releases/${before.version}/themes-by-area.csv`;
    const original = await get(path, councilKey);
    const etag = original.headers.get('etag');
    const body = await original.text();

    // Everyone heard in one area withdraws: their responses go.
    const [{ area_id: areaId }] = await server.dataSource.query(
      `SELECT area_id FROM participants WHERE area_id IS NOT NULL GROUP BY area_id ORDER BY count(*) LIMIT 1`,
    );
    const withdrawn: { id: string }[] = await server.dataSource.query(
      `SELECT id FROM participants WHERE area_id = $1`,
      [areaId],
    );
    for (const { id } of withdrawn) {
      await server.ok(
        `mutation($id: ID!) { withdrawConsent(participantId: $id, purpose: PARTICIPATION) { withdrawnAt } }`,
        { id },
      );
    }

    const later = await get(path, councilKey);
    expect(later.headers.get('etag')).toBe(etag);
    expect(await later.text()).toBe(body);
    const { publishRelease: after } = await server.ok(PUBLISH, {}, coordinator);
    expect(after.contentHash).not.toBe(before.contentHash);
    const latest = await get('/exports/releases/latest/themes-by-area.csv', councilKey);
    expect(latest.headers.get('etag')).not.toBe(etag);
  }, 120_000);
});
