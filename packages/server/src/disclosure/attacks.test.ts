import { Role } from '@chorus/shared';
import fc from 'fast-check';
import { codeOf, TestServer } from '../test/harness';

/**
 * Property tests of rule 4 over the API, as a council data team with a read-only key would try it:
 * for random small datasets (record keys drawn by fast-check, so every run is reproducible from
 * its seed) and random sequences of allowed queries, no released figure lies in 1…threshold−1,
 * and the differencing attacks of issue 8 never pin down a small count: the attacker's estimate
 * misses the truth by at least 1 on average (root mean square), and is exact in under half the
 * attempts, so an exact answer cannot be told from a wrong one.
 */
const THRESHOLD = 10;
const RUNS = 120;
let server: TestServer;
let council: string;
let areas: string[];
let sessions: { id: string; area: number | null; format: string; month: string }[];
const themes: Record<'transport' | 'buses' | 'trams' | 'parks', string> = {} as never;

const AGE_BANDS = ['AGE_16_24', 'AGE_35_44', 'AGE_75_PLUS', null] as const;
const FORMATS = ['WORKSHOP', 'INTERVIEW', 'QUESTIONNAIRE'] as const;

interface Said {
  session: number;
  key: number;
  theme: 'buses' | 'trams' | 'parks' | null;
}
interface Person {
  area: number | null;
  ageBand: (typeof AGE_BANDS)[number];
  key: number;
  said: Said[];
}

const said = fc.record({
  session: fc.nat(5),
  key: fc.nat(255),
  // Trams and uncoded responses rarer, so parent − child and total − themes meet small counts.
  theme: fc.oneof(
    { weight: 4, arbitrary: fc.constant('buses' as const) },
    { weight: 1, arbitrary: fc.constant('trams' as const) },
    { weight: 3, arbitrary: fc.constant('parks' as const) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
});
const person = fc.record({
  area: fc.option(fc.nat(3), { nil: null }),
  ageBand: fc.constantFrom(...AGE_BANDS),
  key: fc.nat(255),
  said: fc.array(said, { minLength: 1, maxLength: 3 }),
});
const dataset = fc.record({
  people: fc.array(person, { minLength: 5, maxLength: 120, size: 'max' }),
  groupNotes: fc.array(said, { maxLength: 6 }),
});

const CODE_LETTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const codeFor = (i: number) =>
  Array.from({ length: 6 }, (_, d) => CODE_LETTERS[Math.floor(i / CODE_LETTERS.length ** d) % 25]).join('');

/** Replaces every participant, response and coding with the dataset, record keys as drawn. */
async function load(data: { people: Person[]; groupNotes: Said[] }) {
  await server.dataSource.transaction(async (db) => {
    await db.query(`DELETE FROM responses`);
    await db.query(`DELETE FROM participants`);
    const ids: string[] = (
      await db.query(
        `INSERT INTO participants (engagement_id, code, area_id, connections, age_band, record_key)
         SELECT $1, code, area_id, '{LIVES}', age_band, key FROM unnest($2::text[], $3::uuid[], $4::text[], $5::int[])
           WITH ORDINALITY AS p(code, area_id, age_band, key, n) ORDER BY n RETURNING id`,
        [
          server.engagementId,
          data.people.map((_, i) => codeFor(i)),
          data.people.map((p) => (p.area === null ? null : areas[p.area])),
          data.people.map((p) => p.ageBand),
          data.people.map((p) => p.key),
        ],
      )
    ).map((row: { id: string }) => row.id);
    const rows = [
      ...data.people.flatMap((p, i) => p.said.map((s) => ({ ...s, participant: ids[i]! }))),
      ...data.groupNotes.map((s) => ({ ...s, participant: null })),
    ];
    const responseIds: string[] = (
      await db.query(
        `INSERT INTO responses (session_id, participant_id, prompt, text, source, record_key)
         SELECT s, p, 'VALUES', 'said', 'STAFF', k FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS r(s, p, k, n)
         ORDER BY n RETURNING id`,
        [rows.map((r) => sessions[r.session]!.id), rows.map((r) => r.participant), rows.map((r) => r.key)],
      )
    ).map((row: { id: string }) => row.id);
    const coded = rows.flatMap((r, i) => (r.theme ? [{ response: responseIds[i]!, theme: themes[r.theme] }] : []));
    await db.query(`INSERT INTO codings (response_id, theme_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
      coded.map((c) => c.response),
      coded.map((c) => c.theme),
    ]);
  });
}

/** The true figures of a dataset, computed here from the dataset itself. */
function truth(data: { people: Person[]; groupNotes: Said[] }) {
  const responses = [
    ...data.people.flatMap((p) => p.said.map((s) => ({ ...s, person: p }))),
    ...data.groupNotes.map((s) => ({ ...s, person: null as Person | null })),
  ].map((r) => {
    const session = sessions[r.session]!;
    const area = r.person?.area ?? session.area;
    return {
      area: area === null ? null : areas[area]!,
      ageBand: r.person?.ageBand ?? null,
      format: session.format,
      month: session.month,
      theme: r.theme,
    };
  });
  const count = (where: (r: (typeof responses)[number]) => boolean) => responses.filter(where).length;
  return { responses, count };
}

const TABLE = `query($rows: Dimension!, $columns: Dimension!, $measure: Measure, $filter: TableFilter) {
  themeTable(rows: $rows, columns: $columns, measure: $measure, filter: $filter) {
    cells { row column value suppressed } rowTotals { key value suppressed } columnTotals { key value } total { value }
  }
}`;
const SUMMARY = `query($f: AggregateFilter) {
  themeSummary(filter: $f) { totalResponses totalParticipants themes { theme { id } responses participants } }
}`;

const table = async (variables: Record<string, unknown>) => (await server.ok(TABLE, variables, council)).themeTable;

/** Every attempt at a small count: what the attacker worked out, and the truth. */
const attempts: Record<string, { estimate: number; truth: number }[]> = {};
function attempt(attack: string, estimate: number, truth: number) {
  if (truth < 1 || truth >= THRESHOLD) return;
  (attempts[attack] ??= []).push({ estimate, truth });
}

/** `whole` minus the released rows, against the truth of the rows withheld. */
function differenceOfMargins(attack: string, t: any, truthOf: (key: string | null) => number) {
  if (t.total.value === null) return;
  const released = t.rowTotals.filter((m: any) => !m.suppressed);
  const withheld = t.rowTotals.filter((m: any) => m.suppressed);
  const estimate = t.total.value - released.reduce((sum: number, m: any) => sum + m.value, 0);
  attempt(
    attack,
    estimate,
    withheld.reduce((sum: number, m: any) => sum + truthOf(m.key), 0),
  );
}

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  areas = [];
  for (let i = 0; i < 4; i++) areas.push(await server.createArea(5_000 + i * 1_000));
  const theme = async (name: string, parentId?: string) =>
    (await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, { i: { name, parentId } }))
      .createTheme.id as string;
  themes.transport = await theme('Transport');
  themes.buses = await theme('Buses', themes.transport);
  themes.trams = await theme('Trams', themes.transport);
  themes.parks = await theme('Parks');
  const plan = [
    { area: 0, format: 'WORKSHOP', month: '2026-06' },
    { area: 1, format: 'INTERVIEW', month: '2026-06' },
    { area: null, format: 'QUESTIONNAIRE', month: '2026-07' },
    { area: 2, format: 'WORKSHOP', month: '2026-07' },
    { area: 3, format: 'INTERVIEW', month: '2026-08' },
    { area: 0, format: 'QUESTIONNAIRE', month: '2026-08' },
  ];
  sessions = [];
  for (const s of plan) {
    const id = await server.createSession(server.adminToken, {
      areaId: s.area === null ? null : areas[s.area],
      format: s.format,
      startsAt: `${s.month}-15T10:00:00Z`,
    });
    sessions.push({ id, ...s });
  }
});
afterAll(() => server.stop());

describe('disclosure control against a council data team', () => {
  it('releases nothing in 1…threshold−1 and lets no attack pin down a small count', async () => {
    const dimension = fc.constantFrom('AREA', 'FORMAT', 'AGE_BAND', 'MONTH', 'PROMPT', 'SECTOR');
    const filter = fc.record(
      {
        areaId: fc.nat(3),
        format: fc.constantFrom(...FORMATS),
        ageBand: fc.constantFrom('AGE_16_24', 'AGE_35_44', 'AGE_75_PLUS'),
        month: fc.constantFrom('2026-06', '2026-07', '2026-08'),
      },
      { requiredKeys: [] },
    );
    const query = fc.record({
      rows: dimension,
      columns: fc.oneof(dimension, fc.constant('THEME')),
      measure: fc.constantFrom('RESPONSES', 'PARTICIPANTS'),
      filter,
    });
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(query, { minLength: 1, maxLength: 4 }), async (data, queries) => {
        await load(data);
        const { count } = truth(data);

        // Random allowed queries: every figure released is 0 (never, here: withheld instead) or ≥ threshold.
        for (const q of queries) {
          if (q.rows === q.columns) continue;
          const f = q.filter.areaId === undefined ? q.filter : { ...q.filter, areaId: areas[q.filter.areaId] };
          const t = await table({ ...q, filter: f });
          const figures = [...t.cells, ...t.rowTotals, ...t.columnTotals, t.total].map((c: any) => c.value);
          for (const value of figures) if (value !== null) expect(value).toBeGreaterThanOrEqual(THRESHOLD);
        }

        // Unions and moving windows are refused outright.
        const union = await server.gql(SUMMARY, { f: { areaIds: [areas[0], areas[1]] } }, council);
        const window = await server.gql(
          SUMMARY,
          { f: { from: '2026-06-10T00:00:00Z', to: '2026-07-10T00:00:00Z' } },
          council,
        );
        expect([codeOf(union), codeOf(window)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);

        // The whole minus every area, every age band, every month (each table's margins).
        const byArea = await table({ rows: 'AREA', columns: 'FORMAT' });
        differenceOfMargins('whole − every area', byArea, (key) => count((r) => r.area === key));
        // A cell whose true count is below the threshold is withheld, whatever its key.
        for (const cell of byArea.cells) {
          const small = count((r) => r.area === cell.row && r.format === cell.column) < THRESHOLD;
          if (small) expect(cell).toMatchObject({ value: null, suppressed: true });
        }
        const byAge = await table({ rows: 'AGE_BAND', columns: 'FORMAT' });
        differenceOfMargins('whole − every age band', byAge, (key) => count((r) => r.ageBand === key));
        const byMonth = await table({ rows: 'MONTH', columns: 'FORMAT' });
        differenceOfMargins('whole − every month (moving dates)', byMonth, (key) => count((r) => r.month === key));

        // A row's total minus its released cells, against the truth of the cells withheld.
        for (const [t, of] of [
          [byArea, (r: any) => r.area],
          [byAge, (r: any) => r.ageBand],
        ] as const) {
          for (const row of t.rowTotals) {
            const cells = t.cells.filter((c: any) => c.row === row.key);
            const withheld = cells.filter((c: any) => c.suppressed);
            if (row.value === null || withheld.length === 0) continue;
            const released = cells.reduce((sum: number, c: any) => sum + (c.value ?? 0), 0);
            const hidden = withheld.map((c: any) => c.column);
            attempt(
              'row total − released cells',
              row.value - released,
              count((r) => of(r) === row.key && hidden.includes(r.format)),
            );
          }
        }

        // All responses minus the released themes (each response has at most one leaf theme here),
        // and a parent minus one child (the roll-up).
        const summary = (await server.ok(SUMMARY, {}, council)).themeSummary;
        const released = (id: string) => summary.themes.find((t: any) => t.theme.id === id).responses;
        const leaves = (['buses', 'trams', 'parks'] as const).map((leaf) => ({ leaf, value: released(themes[leaf]) }));
        if (summary.totalResponses !== null) {
          const estimate = summary.totalResponses - leaves.reduce((sum, l) => sum + (l.value ?? 0), 0);
          const hidden = leaves.filter((l) => l.value === null).map((l) => l.leaf);
          attempt(
            'total − released themes',
            estimate,
            count((r) => r.theme === null || hidden.includes(r.theme)),
          );
        }
        const transport = released(themes.transport);
        const buses = released(themes.buses);
        if (transport !== null && buses !== null)
          attempt(
            'parent − child theme',
            transport - buses,
            count((r) => r.theme === 'trams'),
          );

        // Before and after one person's responses go (a PARTICIPATION withdrawal).
        const leaving = data.people.findIndex((p) => p.said.length > 0);
        const [{ id }] = await server.dataSource.query(`SELECT id FROM participants WHERE code = $1`, [
          codeFor(leaving),
        ]);
        await server.dataSource.query(`DELETE FROM responses WHERE participant_id = $1`, [id]);
        const after = (await server.ok(SUMMARY, {}, council)).themeSummary;
        if (summary.totalResponses !== null && after.totalResponses !== null) {
          attempt(
            'before − after a withdrawal',
            summary.totalResponses - after.totalResponses,
            data.people[leaving]!.said.length,
          );
        }
      }),
      { numRuns: RUNS, seed: 8, endOnFailure: true },
    );

    const report = Object.entries(attempts).map(([attack, tries]) => {
      const rms = Math.sqrt(tries.reduce((sum, t) => sum + (t.estimate - t.truth) ** 2, 0) / tries.length);
      const exact = tries.filter((t) => t.estimate === t.truth).length / tries.length;
      return { attack, tries: tries.length, rmsAtLeast1: rms >= 1, exactUnderHalf: exact < 0.5 };
    });
    expect(report.length).toBe(7);
    for (const line of report) {
      expect(line.tries).toBeGreaterThanOrEqual(3);
      expect(line).toEqual({ ...line, rmsAtLeast1: true, exactUnderHalf: true });
    }
  }, 600_000); // 120 datasets over the API: minutes on a loaded machine
});
