import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';
import { release } from './ptable';

/**
 * MONTH is the calendar month in Europe/London, not UTC, at the boundaries where they differ:
 * midnight on the 1st in British Summer Time (after the clocks go forward on the last Sunday of
 * March, until they go back on the last Sunday of October), and in GMT either side. Through every
 * way a council reads months: themeTable by MONTH, a month filter, themeSummary's period, a
 * release's tables and its CSV export.
 */
const THRESHOLD = 3;
const PEOPLE = 6; // per session: 6 moved by ±3 is never withheld, so each month's figure shows.
let server: TestServer;
let council: string;
let coordinator: string;
let transport: string;

const SESSIONS = [
  '2026-03-01T00:30:00Z', // 00:30 GMT on 1 March: March either way.
  '2026-03-31T23:30:00Z', // 00:30 BST on 1 April, the clocks having gone forward on 29 March: April, not March.
  '2026-05-31T23:30:00Z', // 00:30 BST on 1 June: June, not May.
  '2026-09-30T23:30:00Z', // 00:30 BST on 1 October: October, not September.
  '2026-10-31T23:30:00Z', // 23:30 GMT on 31 October, the clocks having gone back on the 25th: October.
];

const TABLE = `query($rows: Dimension!, $columns: Dimension!, $measure: Measure, $filter: TableFilter) {
  themeTable(rows: $rows, columns: $columns, measure: $measure, filter: $filter) {
    rows { key } cells { row column value suppressed } rowTotals { key value suppressed } total { value suppressed }
  }
}`;
const SUMMARY = `query($f: AggregateFilter) { themeSummary(filter: $f) { totalResponses totalParticipants } }`;

/** The released figure of the responses (or their people) whose session starts in this London month. */
async function inLondonMonth(month: string, measure: 'RESPONSES' | 'PARTICIPANTS' = 'RESPONSES') {
  const responses = `SELECT r.id FROM responses r JOIN sessions s ON s.id = r.session_id
    WHERE to_char(s.starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM') = $1`;
  const [row] = await server.dataSource.query(
    measure === 'RESPONSES'
      ? `SELECT count(*)::int AS n, coalesce(sum(record_key), 0)::int AS k FROM responses WHERE id IN (${responses})`
      : `SELECT count(*)::int AS n, coalesce(sum(record_key), 0)::int AS k FROM participants
         WHERE id IN (SELECT participant_id FROM responses WHERE id IN (${responses}))`,
    [month],
  );
  return release(row.n, row.k, THRESHOLD).value;
}

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  transport = (await server.ok(`mutation { createTheme(input: { name: "Transport" }) { id } }`)).createTheme.id;
  for (const startsAt of SESSIONS) {
    const sessionId = await server.createSession(server.adminToken, { startsAt });
    for (let i = 0; i < PEOPLE; i++) {
      const participantId = await server.registerParticipant(server.adminToken, { sessionId });
      const submitted = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text: `Said ${i}` }]);
      await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
        r: submitted.data.submitResponses.responses[0].id,
        t: transport,
      });
    }
  }
}, 120_000);
afterAll(() => server.stop());

describe('MONTH in Europe/London', () => {
  it('puts each session in its London month in a themeTable by MONTH, live and from the theme counters', async () => {
    for (const [columns, measure] of [
      ['FORMAT', 'RESPONSES'],
      ['THEME', 'RESPONSES'],
      ['THEME', 'PARTICIPANTS'],
    ] as const) {
      const { themeTable } = await server.ok(TABLE, { rows: 'MONTH', columns, measure }, council);
      // From the first session's London month to the last's: 23:30 GMT on 31 October opens no November.
      expect(themeTable.rows.map((r: { key: string }) => r.key)).toEqual(
        ['03', '04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m}`),
      );
      const figure = (month: string) =>
        columns === 'THEME'
          ? themeTable.cells.find((c: { row: string; column: string }) => c.row === month && c.column === transport)
          : themeTable.rowTotals.find((t: { key: string }) => t.key === month);
      for (const month of ['2026-03', '2026-04', '2026-06', '2026-10']) {
        expect([month, figure(month).value]).toEqual([month, await inLondonMonth(month, measure)]);
        expect(figure(month).suppressed).toBe(false);
      }
      // Where UTC would have put the sessions of the 1st: nothing.
      for (const month of ['2026-05', '2026-09']) expect(figure(month).suppressed).toBe(true);
    }
  });

  it('reads filter.month and themeSummary’s period as the London month', async () => {
    const june = await inLondonMonth('2026-06');
    const { themeTable } = await server.ok(
      TABLE,
      { rows: 'FORMAT', columns: 'THEME', filter: { month: '2026-06' } },
      council,
    );
    expect(themeTable.total.value).toBe(june);
    const { themeSummary } = await server.ok(
      SUMMARY,
      { f: { from: '2026-06-01T00:00:00+01:00', to: '2026-07-01T00:00:00+01:00' } },
      council,
    );
    expect(themeSummary.totalResponses).toBe(june);
    // Midnight UTC is 01:00 in London in June: not the start of a month there.
    const utc = await server.gql(SUMMARY, { f: { from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' } }, council);
    expect([codeOf(utc), fieldOf(utc)]).toEqual(['BAD_USER_INPUT', 'filter.from']);
    expect(utc.errors?.[0]?.message).toContain('Europe/London');
    // In GMT a London month starts at midnight UTC.
    const { themeSummary: march } = await server.ok(
      SUMMARY,
      { f: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00+01:00' } },
      council,
    );
    expect(march.totalResponses).toBe(await inLondonMonth('2026-03'));
  });

  it('publishes release tables and CSV exports by London month', async () => {
    await server.ok(`mutation { publishRelease { version } }`, {}, coordinator);
    const { release: published } = await server.ok(
      `{ release { version table(name: "theme-participants-by-month") {
          cells(first: 100) { edges { node { kind rowKey columnKey value } } } } } }`,
      {},
      council,
    );
    const cell = (month: string) =>
      published.table.cells.edges
        .map((e: { node: unknown }) => e.node)
        .find((n: { kind: string; rowKey: string; columnKey: string }) => n.kind === 'CELL' && n.rowKey === month);
    expect(cell('2026-06').value).toBe(await inLondonMonth('2026-06', 'PARTICIPANTS'));
    expect(cell('2026-05').value).toBeNull();

    const csv = await fetch(`${server.url}/exports/releases/latest/themes-by-month.csv`, {
      headers: { authorization: `Bearer ${council}` },
    });
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trimEnd().split('\r\n').slice(1);
    const value = (month: string) =>
      rows.find((row) => row.startsWith(`${published.version},themes-by-month,CELL,${month},`))?.split(',')[7];
    expect(value('2026-04')).toBe(String(await inLondonMonth('2026-04')));
    expect(value('2026-10')).toBe(String(await inLondonMonth('2026-10')));
    expect(value('2026-03')).toBe(String(await inLondonMonth('2026-03')));
    expect(value('2026-09')).toBe('');
  }, 60_000);
});
