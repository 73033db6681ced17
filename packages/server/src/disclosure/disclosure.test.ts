import { randomUUID } from 'node:crypto';
import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';
import { release } from './ptable';

/**
 * Tables and reach over the API, checked against the true counts and cell keys read from the
 * source tables: every figure is the truth moved by the ptable, or withheld.
 */
const THRESHOLD = 3;
let server: TestServer;
let council: string;
let hanley: string;
let fenton: string;
let tunstall: string;
let transport: string;
let buses: string;
let parks: string;

const TABLE = `query($rows: Dimension!, $columns: Dimension!, $measure: Measure, $filter: TableFilter) {
  themeTable(rows: $rows, columns: $columns, measure: $measure, filter: $filter) {
    threshold method rows { key label } columns { key label }
    cells { row column value suppressed reason } rowTotals { key value suppressed } columnTotals { key value suppressed }
    total { value suppressed }
  }
}`;
const REACH = `query($by: Dimension!) {
  reach(by: $by) { threshold participants { value } population perThousand
    rows { key label value suppressed population perThousand underHeard } }
}`;

const code = (r: string, t: string) =>
  server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, { r, t });

/** `people` participants in `areaId`, one response each, coded to each of `themes`. */
async function hear(people: number, areaId: string, themes: string[]) {
  const sessionId = await server.createSession(server.adminToken, { areaId, format: 'WORKSHOP' });
  for (let i = 0; i < people; i++) {
    const participantId = await server.registerParticipant(server.adminToken, { sessionId, areaId });
    const submitted = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text: `Said ${i}` }]);
    for (const theme of themes) await code(submitted.data.submitResponses.responses[0].id, theme);
  }
}

/** The released figure of these responses (or their distinct participants), from the source tables. */
async function expected(sql: string, params: unknown[], measure: 'RESPONSES' | 'PARTICIPANTS' = 'RESPONSES') {
  const [row] = await server.dataSource.query(
    measure === 'RESPONSES'
      ? `SELECT count(*)::int AS n, coalesce(sum(r.record_key), 0)::int AS k FROM responses r WHERE r.id IN (${sql})`
      : `SELECT count(*)::int AS n, coalesce(sum(p.record_key), 0)::int AS k FROM participants p
         WHERE p.id IN (SELECT participant_id FROM responses WHERE id IN (${sql}))`,
    params,
  );
  return release(row.n, row.k, THRESHOLD).value;
}

// Responses in an area (the participant's, else the session's), optionally coded under a theme's subtree.
const IN_AREA = `SELECT r.id FROM responses r JOIN sessions s ON s.id = r.session_id
  LEFT JOIN participants p ON p.id = r.participant_id WHERE coalesce(p.area_id, s.area_id) = $1`;
const UNDER_THEME = `${IN_AREA} AND r.id IN (
  WITH RECURSIVE sub(id) AS (SELECT $2::uuid UNION ALL SELECT t.id FROM themes t JOIN sub ON t.parent_id = sub.id)
  SELECT c.response_id FROM codings c JOIN sub ON sub.id = c.theme_id)`;

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  const theme = async (name: string, parentId?: string) =>
    (await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, { i: { name, parentId } }))
      .createTheme.id as string;
  transport = await theme('Transport');
  buses = await theme('Buses', transport);
  parks = await theme('Parks');
  hanley = await server.createArea(10_000);
  fenton = await server.createArea(20_000);
  tunstall = await server.createArea(50_000);
  // Coded to Buses and to Transport itself: still one response under Transport.
  await hear(5, hanley, [buses, transport]);
  await hear(5, hanley, [buses]);
  await hear(5, fenton, [parks]);
  await hear(1, tunstall, [parks]);
});
afterAll(() => server.stop());

describe('themeTable', () => {
  it('releases every cell as its true count moved by the ptable, a parent theme counting its subtree once', async () => {
    const table = (await server.ok(TABLE, { rows: 'AREA', columns: 'THEME' }, council)).themeTable;
    expect(table.threshold).toBe(THRESHOLD);
    expect(table.method).toMatch(/cell-key/);
    for (const cell of table.cells.filter((c: any) => c.row !== null)) {
      expect(cell.value).toBe(await expected(UNDER_THEME, [cell.row, cell.column]));
      expect(cell.suppressed).toBe(cell.value === null);
    }
    const at = (row: string, column: string) => table.cells.find((c: any) => c.row === row && c.column === column);
    // Ten responses under Transport in Hanley, each once, however many of its themes it is coded to.
    expect(Math.abs(at(hanley, transport).value - 10)).toBeLessThanOrEqual(3);
    expect(at(tunstall, parks)).toMatchObject({ value: null, suppressed: true, reason: 'BELOW_THRESHOLD' });
    for (const margin of table.rowTotals.filter((m: any) => m.key !== null)) {
      expect(margin.value).toBe(await expected(IN_AREA, [margin.key]));
    }
  });

  it('gives the same figure for the same records, whichever query asks', async () => {
    const table = (await server.ok(TABLE, { rows: 'FORMAT', columns: 'THEME', filter: { areaId: hanley } }, council))
      .themeTable;
    const summary = (
      await server.ok(
        `query($f: AggregateFilter) { themeSummary(filter: $f) { totalResponses themes { theme { id } responses } } }`,
        { f: { areaIds: [hanley] } },
        council,
      )
    ).themeSummary;
    const workshopBuses = table.cells.find((c: any) => c.row === 'WORKSHOP' && c.column === buses).value;
    expect(summary.themes.find((t: any) => t.theme.id === buses).responses).toBe(workshopBuses);
    expect(summary.totalResponses).toBe(table.rowTotals.find((m: any) => m.key === 'WORKSHOP').value);
    // A parent theme, some of whose responses are coded twice in its subtree: counted once, same key.
    const transportFigure = summary.themes.find((t: any) => t.theme.id === transport).responses;
    expect(transportFigure).toBe(await expected(UNDER_THEME, [hanley, transport]));
    expect(transportFigure).not.toBeNull();
  });

  it('counts participants from their own record keys', async () => {
    const table = (await server.ok(TABLE, { rows: 'AREA', columns: 'FORMAT', measure: 'PARTICIPANTS' }, council))
      .themeTable;
    const cell = table.cells.find((c: any) => c.row === fenton && c.column === 'WORKSHOP');
    expect(cell.value).toBe(await expected(IN_AREA, [fenton], 'PARTICIPANTS'));
  });

  it('refuses shapes that could be differenced, naming the field and saying what is allowed', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ rows: 'THEME', columns: 'AREA' }, 'BAD_USER_INPUT', 'rows'],
      [{ rows: 'AREA', columns: 'AREA' }, 'BAD_USER_INPUT', 'columns'],
      [{ rows: 'AREA', columns: 'THEME', filter: { month: '2026-6' } }, 'BAD_USER_INPUT', 'filter.month'],
      [{ rows: 'AREA', columns: 'THEME', filter: { areaId: randomUUID() } }, 'NOT_FOUND', 'filter.areaId'],
    ];
    for (const [variables, code, field] of cases) {
      const result = await server.gql(TABLE, variables, council);
      expect({ variables, code: codeOf(result), field: fieldOf(result) }).toEqual({ variables, code, field });
    }
  });

  it('is for keys that may read aggregates only', async () => {
    const partner = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    expect(codeOf(await server.gql(TABLE, { rows: 'AREA', columns: 'THEME' }, partner))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(TABLE, { rows: 'AREA', columns: 'THEME' }, ''))).toBe('UNAUTHENTICATED');
  });
});

describe('themeSummary through the same module', () => {
  const SUMMARY = `query($f: AggregateFilter) { themeSummary(filter: $f) { totalResponses } }`;

  it('refuses a union of values and an open-ended period, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ areaIds: [hanley, fenton] }, 'BAD_USER_INPUT', 'filter.areaIds'],
      [{ ageBands: ['AGE_16_24', 'AGE_75_PLUS'] }, 'BAD_USER_INPUT', 'filter.ageBands'],
      [{ from: '2026-06-01T00:00:00Z' }, 'BAD_USER_INPUT', 'filter.to'],
      [{ from: '2026-06-03T00:00:00Z', to: '2026-07-01T00:00:00Z' }, 'BAD_USER_INPUT', 'filter.from'],
      [{ areaIds: [randomUUID()] }, 'NOT_FOUND', 'filter.areaIds.0'],
    ];
    for (const [f, code, field] of cases) {
      const result = await server.gql(SUMMARY, { f }, council);
      expect({ f, code: codeOf(result), field: fieldOf(result) }).toEqual({ f, code, field });
      expect(result.errors![0]!.message).toMatch(/one value at most|calendar month|not found/);
    }
    expect(
      await server.ok(SUMMARY, { f: { from: '2026-06-01T00:00:00+01:00', to: '2026-07-01T00:00:00+01:00' } }, council),
    ).toBeTruthy();
  });
});

describe('reach', () => {
  it('sets released participants against census population and flags under-heard areas', async () => {
    const reach = (await server.ok(REACH, { by: 'AREA' }, council)).reach;
    expect(reach.population).toBe(80_000);
    const row = (id: string) => reach.rows.find((r: any) => r.key === id);
    expect(row(hanley).perThousand).toBe(Math.round((row(hanley).value * 10_000) / 10_000) / 10);
    expect(row(hanley).underHeard).toBe(false);
    // One person heard in 50,000: withheld, and under-heard whatever the withheld figure is.
    expect(row(tunstall)).toMatchObject({ value: null, suppressed: true, perThousand: null, underHeard: true });
    expect(reach.rows.at(-1)).toMatchObject({ key: null, label: 'Not stated' });
  });
});

describe('setSuppressionThreshold', () => {
  const SET = `mutation($t: Int!) { setSuppressionThreshold(threshold: $t) { suppressionThreshold } }`;

  it('is an admin action, audited, and every table follows it', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    expect(codeOf(await server.gql(SET, { t: 5 }, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(SET, { t: 5 }, council))).toBe('FORBIDDEN');
    const refused = await server.gql(SET, { t: 1 }, server.adminToken);
    expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', 'threshold']);
    expect((await server.ok(SET, { t: 12 })).setSuppressionThreshold.suppressionThreshold).toBe(12);
    const table = (await server.ok(TABLE, { rows: 'AREA', columns: 'THEME' }, council)).themeTable;
    expect(table.threshold).toBe(12);
    for (const cell of table.cells) if (cell.value !== null) expect(cell.value).toBeGreaterThanOrEqual(12);
    const [entry] = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'engagement.threshold_changed'`,
    );
    expect(entry.details).toEqual({ from: THRESHOLD, to: 12 });
    await server.ok(SET, { t: THRESHOLD });
  });
});
