import fc from 'fast-check';
import { TestServer } from '../test/harness';
import { ReleaseFrequency, ReleaseRunOutcome } from './release-schedule.entity';

/**
 * Two consecutive scheduled releases around one PARTICIPATION withdrawal, differenced as a council
 * data team would: the withdrawal alone cuts no release (HELD), and once enough other people have
 * changed for one to be cut, the difference does not determine the person's area, number of
 * responses or themes. Random datasets and record keys from fast-check, reproducible by seed.
 */
const THRESHOLD = 5;
const RUNS = 40;
const AREAS = 4;
const THEMES = 3;
let server: TestServer;
let areas: string[];
let themes: string[];
let sessionId: string;
let due = Date.UTC(2027, 0, 1, 6);
let codes = 0;
const CODE_LETTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const nextCode = () => {
  const n = codes++;
  return Array.from({ length: 6 }, (_, d) => CODE_LETTERS[Math.floor(n / 25 ** d) % 25]).join('');
};

interface Person {
  area: number | null;
  said: { key: number; theme: number }[];
}
const person = fc.record({
  area: fc.option(fc.nat(AREAS - 1), { nil: null }),
  said: fc.array(fc.record({ key: fc.nat(255), theme: fc.nat(THEMES - 1) }), { minLength: 1, maxLength: 3 }),
});
const scenario = fc.record({
  people: fc.array(person, { minLength: 15, maxLength: 60 }),
  // The other people changing before the next due time: new people with responses.
  others: fc.array(person, { minLength: THRESHOLD - 1, maxLength: THRESHOLD + 3 }),
  leaving: fc.nat(),
});

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  areas = [];
  for (let i = 0; i < AREAS; i++) areas.push(await server.createArea());
  themes = [];
  for (let i = 0; i < THEMES; i++) {
    const { createTheme } = await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, {
      i: { name: `Theme ${i}` },
    });
    themes.push(createTheme.id);
  }
  sessionId = await server.createSession();
  await server.services.releaseSchedule.setSchedule(server.systemContext(), { frequency: ReleaseFrequency.DAILY });
}, 60_000);
afterAll(() => server.stop());

/** Adds people, their responses and codings, with record keys as drawn; returns their ids. */
async function add(people: Person[]): Promise<string[]> {
  return server.dataSource.transaction(async (db) => {
    const ids: string[] = (
      await db.query(
        `INSERT INTO participants (engagement_id, code, area_id, connections, record_key)
         SELECT $1, code, area_id, '{LIVES}', key FROM unnest($2::text[], $3::uuid[], $4::int[])
           WITH ORDINALITY AS p(code, area_id, key, n) ORDER BY n RETURNING id`,
        [
          server.engagementId,
          people.map(nextCode),
          people.map((p) => (p.area === null ? null : areas[p.area])),
          people.map((p) => p.said[0]!.key),
        ],
      )
    ).map((row: { id: string }) => row.id);
    const rows = people.flatMap((p, i) => p.said.map((s) => ({ ...s, participant: ids[i]! })));
    const responseIds: string[] = (
      await db.query(
        `INSERT INTO responses (session_id, participant_id, prompt, text, source, record_key)
         SELECT $1, p, 'VALUES', 'said', 'STAFF', k FROM unnest($2::uuid[], $3::int[]) WITH ORDINALITY AS r(p, k, n)
         ORDER BY n RETURNING id`,
        [sessionId, rows.map((r) => r.participant), rows.map((r) => r.key)],
      )
    ).map((row: { id: string }) => row.id);
    await db.query(
      `INSERT INTO codings (response_id, theme_id) SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[])`,
      [responseIds, rows.map((r) => themes[r.theme])],
    );
    return ids;
  });
}

/** A PARTICIPATION withdrawal as the service records it: responses gone, an audit entry left. */
async function withdraw(participantId: string) {
  await server.dataSource.transaction(async (db) => {
    await db.query(`DELETE FROM responses WHERE participant_id = $1`, [participantId]);
    await db.query(`UPDATE participants SET area_id = NULL WHERE id = $1`, [participantId]);
    await db.query(
      `INSERT INTO audit_events (action, entity_type, entity_id, details) VALUES ('participant.responses_deleted', 'participant', $1, '{}')`,
      [participantId],
    );
  });
}

async function runDue() {
  due += 86_400_000;
  return server.services.releaseSchedule.run(server.systemContext(), new Date(due));
}

/** A table's margins of one kind in a release, by key (null value when withheld). */
async function margins(releaseId: string, table: string, kind: 'ROW_TOTAL' | 'COLUMN_TOTAL') {
  const rows = await server.dataSource.query(
    `SELECT coalesce(row_key, column_key) AS key, value FROM release_cells WHERE release_id = $1 AND table_name = $2 AND kind = $3`,
    [releaseId, table, kind],
  );
  return new Map<string | null, number | null>(
    rows.map((r: { key: string | null; value: number | null }) => [r.key, r.value]),
  );
}

/** Released figures that changed from one release to the next (both released). */
function changes(before: Map<string | null, number | null>, after: Map<string | null, number | null>) {
  return [...after].flatMap(([key, value]) => {
    const old = before.get(key);
    return value === null || old === null || old === undefined || value === old ? [] : [{ key, change: value - old }];
  });
}

describe('differencing two scheduled releases around one withdrawal', () => {
  it("does not determine the person's area, number of responses or themes", async () => {
    const guesses = { area: [] as boolean[], responses: [] as number[], themes: [] as boolean[] };
    let held = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ people, others, leaving }) => {
        await server.dataSource.query(`DELETE FROM responses`);
        const ids = await add(people);
        const first = await server.services.releases.publish(server.systemContext());
        const index = leaving % people.length;
        await withdraw(ids[index]!);
        // Alone, the withdrawal is held back: there is no second release to difference.
        const alone = await runDue();
        expect(alone?.outcome).toBe(ReleaseRunOutcome.HELD);
        if (alone?.outcome === ReleaseRunOutcome.HELD) held++;
        await add(others);
        const second = await runDue();
        expect(second?.outcome).toBe(ReleaseRunOutcome.PUBLISHED);

        const gone = people[index]!;
        // Area: the area whose released total fell most.
        const byArea = changes(
          await margins(first.id, 'responses-by-area-and-format', 'ROW_TOTAL'),
          await margins(second!.releaseId!, 'responses-by-area-and-format', 'ROW_TOTAL'),
        ).sort((a, b) => a.change - b.change);
        const areaKey = gone.area === null ? null : areas[gone.area]!;
        guesses.area.push(byArea[0]?.change !== undefined && byArea[0].change < 0 && byArea[0].key === areaKey);
        // Responses: the fall in that total.
        guesses.responses.push(Math.max(0, -(byArea[0]?.change ?? 0)) - gone.said.length);
        // Themes: those whose released total fell.
        const byTheme = changes(
          await margins(first.id, 'themes-by-area', 'COLUMN_TOTAL'),
          await margins(second!.releaseId!, 'themes-by-area', 'COLUMN_TOTAL'),
        );
        const fell = new Set(byTheme.filter((t) => t.change < 0).map((t) => t.key));
        const truth = new Set(gone.said.map((s) => themes[s.theme]!));
        guesses.themes.push(fell.size === truth.size && [...truth].every((t) => fell.has(t)));
      }),
      { numRuns: RUNS, seed: 46, endOnFailure: true },
    );
    const share = (hits: boolean[]) => hits.filter(Boolean).length / hits.length;
    const rms = Math.sqrt(guesses.responses.reduce((sum, e) => sum + e * e, 0) / guesses.responses.length);
    const exact = guesses.responses.filter((e) => e === 0).length / guesses.responses.length;
    expect(held).toBe(RUNS);
    expect(share(guesses.area)).toBeLessThan(0.5);
    expect(share(guesses.themes)).toBeLessThan(0.5);
    expect(rms).toBeGreaterThanOrEqual(1);
    expect(exact).toBeLessThan(0.5);
  }, 300_000);
});
