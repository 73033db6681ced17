import { Role } from '@chorus/shared';
import { LondonMonths1796520000000 } from '../db/migrations/1796520000000-london-months';
import { TestServer } from '../test/harness';
import { release } from './ptable';

/**
 * The theme rollups kept on write (theme_response_facts, theme_cells, theme_participants,
 * theme_reach) and the engagement's totals (engagement_participants) against a recount from the
 * source tables and the codebook tree, after every kind of write that changes what a theme counts:
 * coding, excerpts, uncoding, a theme moved to another parent, a merge, a session or participant
 * edit, a withdrawal, an erasure and a bulk rebuild.
 */
const THRESHOLD = 2;
let server: TestServer;
let council: string;
const areas: string[] = [];
const themes: Record<string, string> = {};
const sessions: string[] = [];
const people: string[] = [];
const responses: string[] = [];

const RECOUNT = `
  WITH RECURSIVE tree (ancestor_id, theme_id) AS (
    SELECT id, id FROM themes UNION ALL SELECT tree.ancestor_id, t.id FROM tree JOIN themes t ON t.parent_id = tree.theme_id),
  facts AS (
    SELECT DISTINCT tree.ancestor_id AS theme_id, r.id AS response_id, r.participant_id, r.record_key AS rk,
           p.record_key AS pk, coalesce(p.area_id, s.area_id)::text AS area, s.format, r.prompt, p.age_band,
           to_char(s.starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, o.sector
    FROM codings c JOIN tree ON tree.theme_id = c.theme_id JOIN responses r ON r.id = c.response_id
    JOIN sessions s ON s.id = r.session_id LEFT JOIN participants p ON p.id = r.participant_id
    LEFT JOIN organisations o ON o.id = s.organisation_id)`;

async function recount() {
  const cells = await server.dataSource.query(
    `${RECOUNT}
     SELECT f.theme_id::text, d.dimension, d.value, count(*)::int AS responses, sum(f.rk)::int AS response_key
     FROM facts f CROSS JOIN LATERAL (VALUES ('ALL', NULL), ('AREA', f.area), ('FORMAT', f.format), ('PROMPT', f.prompt),
       ('AGE_BAND', f.age_band), ('MONTH', f.month), ('SECTOR', f.sector)) d (dimension, value)
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  const participants = await server.dataSource.query(
    `${RECOUNT}
     SELECT theme_id::text, participant_id::text, min(pk)::int AS participant_key, count(*)::int AS responses
     FROM facts WHERE participant_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const reach = await server.dataSource.query(
    `${RECOUNT}
     SELECT theme_id::text, count(*)::int AS participants, sum(pk)::int AS participant_key
     FROM (SELECT DISTINCT theme_id, participant_id, pk FROM facts WHERE participant_id IS NOT NULL) d
     GROUP BY 1 ORDER BY 1`,
  );
  // The engagement's totals per participant (group notes as one row, participant NULL).
  const engagement = await server.dataSource.query(
    `SELECT s.engagement_id::text, r.participant_id::text, min(p.record_key)::int AS participant_key,
            count(*)::int AS responses, sum(r.record_key)::int AS response_key
     FROM responses r JOIN sessions s ON s.id = r.session_id LEFT JOIN participants p ON p.id = r.participant_id
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return { cells, participants, reach, engagement };
}

async function maintained() {
  // A counter brought back to zero may stay as a row of zeros; it counts nothing.
  const cells = await server.dataSource.query(
    `SELECT theme_id::text, dimension, value, responses, response_key::int FROM theme_cells
     WHERE responses <> 0 OR response_key <> 0 ORDER BY 1, 2, 3`,
  );
  const participants = await server.dataSource.query(
    `SELECT theme_id::text, participant_id::text, participant_key::int, responses FROM theme_participants ORDER BY 1, 2`,
  );
  const reach = await server.dataSource.query(
    `SELECT theme_id::text, participants, participant_key::int FROM theme_reach
     WHERE participants <> 0 OR participant_key <> 0 ORDER BY 1`,
  );
  const engagement = await server.dataSource.query(
    `SELECT engagement_id::text, participant_id::text, participant_key::int, responses, response_key::int
     FROM engagement_participants WHERE responses <> 0 OR response_key <> 0 ORDER BY 1, 2`,
  );
  return { cells, participants, reach, engagement };
}

async function expectRollupsExact() {
  const truth = await recount();
  expect(await maintained()).toEqual(truth);
  // What a council key reads of each theme is that recount, released.
  const {
    themes: read,
    totalResponses,
    totalParticipants,
  } = (
    await server.ok(
      `{ themeSummary { totalResponses totalParticipants themes { theme { id } responses participants suppressed } } }`,
      undefined,
      council,
    )
  ).themeSummary;
  // …and so is the whole engagement's, from the per-participant counter.
  const sum = (key: 'responses' | 'response_key' | 'participant_key') =>
    truth.engagement.reduce((total: number, row: any) => total + (row[key] ?? 0), 0);
  const people = truth.engagement.filter((row: any) => row.participant_id !== null).length;
  expect({ totalResponses, totalParticipants }).toEqual({
    totalResponses: release(sum('responses'), sum('response_key'), THRESHOLD).value,
    totalParticipants: release(people, sum('participant_key'), THRESHOLD).value,
  });
  for (const { theme, responses, participants, suppressed } of read) {
    const cell = truth.cells.find((c: any) => c.theme_id === theme.id && c.dimension === 'ALL');
    const people = truth.reach.find((r: any) => r.theme_id === theme.id);
    const r = release(cell?.responses ?? 0, cell?.response_key ?? 0, THRESHOLD);
    const p = release(people?.participants ?? 0, people?.participant_key ?? 0, THRESHOLD);
    const withheld = r.suppressed || p.suppressed;
    expect({ theme: theme.id, responses, participants, suppressed }).toEqual({
      theme: theme.id,
      responses: withheld ? null : r.value,
      participants: withheld ? null : p.value,
      suppressed: withheld,
    });
  }
}

const code = async (responseId: string, themeId: string, excerpt?: string) =>
  (
    await server.ok(`mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`, {
      i: { responseId, themeId, excerpt },
    })
  ).codeResponse.id as string;

const createTheme = async (name: string, parentId?: string) =>
  (
    await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, {
      i: { name, parentId },
    })
  ).createTheme.id as string;

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  for (let i = 0; i < 2; i++) areas.push(await server.createArea());
  themes.transport = await createTheme('Transport');
  themes.buses = await createTheme('Buses', themes.transport);
  themes.fares = await createTheme('Fares', themes.buses);
  themes.trains = await createTheme('Trains', themes.transport);
  themes.parks = await createTheme('Parks');
  const organisation = await server.createOrganisation();
  sessions.push(
    // 00:30 BST on 1 June: June in London, though still May in UTC.
    await server.createSession(server.adminToken, { areaId: areas[0], startsAt: '2026-05-31T23:30:00Z' }),
    await server.createSession(server.adminToken, { format: 'INTERVIEW', organisationId: organisation }),
  );
  for (let i = 0; i < 6; i++) {
    const sessionId = sessions[i % 2]!;
    const participantId = await server.registerParticipant(server.adminToken, {
      sessionId,
      ...(i % 3 === 0 ? { areaId: areas[1] } : {}),
    });
    people.push(participantId);
    const said = Array.from({ length: 2 }, (_, k) => ({
      participantId,
      prompt: k === 0 ? 'VALUES' : 'FUTURE',
      text: `Point ${k} from person ${i}`,
    }));
    if (i === 0) said.push({ participantId: null as unknown as string, prompt: 'FUTURE', text: 'A group note' });
    const submitted = await server.submit(sessionId, said);
    for (const r of submitted.data.submitResponses.responses) responses.push(r.id);
  }
  const leaves = [themes.fares, themes.trains, themes.buses, themes.parks];
  for (const [i, responseId] of responses.entries()) {
    await code(responseId, leaves[i % 4]!);
    // Coded to two themes of one subtree: still one response under their ancestors.
    if (i % 3 === 0) await code(responseId, leaves[(i + 1) % 4]!);
  }
});
afterAll(() => server.stop());

describe('theme rollups', () => {
  it('equal a recount after coding, excerpts of one theme and uncoding', async () => {
    await expectRollupsExact();
    const first = await code(responses[1]!, themes.fares!, 'Point');
    await code(responses[1]!, themes.fares!, 'from person');
    await expectRollupsExact();
    await server.ok(`mutation($id: ID!) { uncodeResponse(id: $id) }`, { id: first });
    await expectRollupsExact();
    const [only] = await server.dataSource.query(`SELECT id FROM codings WHERE response_id = $1 AND theme_id = $2`, [
      responses[4],
      themes.fares,
    ]);
    await server.ok(`mutation($id: ID!) { uncodeResponse(id: $id) }`, { id: only.id });
    await expectRollupsExact();
  });

  it('count MONTH by the London month, and the migration recounts counters left by the UTC rule', async () => {
    const months = async () =>
      (
        await server.dataSource.query(
          `SELECT DISTINCT value FROM theme_cells WHERE dimension = 'MONTH' AND responses > 0 ORDER BY 1`,
        )
      ).map((r: { value: string }) => r.value);
    expect(await months()).toContain('2026-06');
    expect(await months()).not.toContain('2026-05');
    // Back to the counters and triggers before migration 1796520000000 (UTC months), then forward.
    const migration = new LondonMonths1796520000000();
    const runner = server.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      const [utc] = await runner.query(
        `SELECT count(*)::int AS n FROM theme_cells WHERE dimension = 'MONTH' AND value = '2026-05'`,
      );
      expect(utc.n).toBeGreaterThan(0);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await expectRollupsExact();
    expect(await months()).not.toContain('2026-05');
  });

  it('follow a theme moved to another parent, and to the top level', async () => {
    await server.ok(`mutation($id: ID!, $i: UpdateThemeInput!) { updateTheme(id: $id, input: $i) { id } }`, {
      id: themes.buses,
      i: { parentId: themes.parks },
    });
    await expectRollupsExact();
    await server.ok(`mutation($id: ID!, $i: UpdateThemeInput!) { updateTheme(id: $id, input: $i) { id } }`, {
      id: themes.buses,
      i: { parentId: null },
    });
    await expectRollupsExact();
  });

  it('follow a session and a participant edited', async () => {
    await server.ok(`mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id } }`, {
      id: sessions[0],
      // 23:30 GMT on 31 October, the clocks having gone back on the 25th: October, not November.
      i: { areaId: areas[1], format: 'FOCUS_GROUP', startsAt: '2026-10-31T23:30:00Z' },
    });
    await server.dataSource.query(`UPDATE participants SET area_id = $2, age_band = 'AGE_16_24' WHERE id = $1`, [
      people[1],
      areas[0],
    ]);
    await expectRollupsExact();
  });

  it('follow a merge, a withdrawal and an erasure, and name no participant who has nothing left', async () => {
    await server.ok(`mutation($s: ID!, $t: ID!) { mergeThemes(sourceId: $s, targetId: $t) { id } }`, {
      s: themes.buses,
      t: themes.trains,
    });
    await expectRollupsExact();
    expect(await server.count('theme_cells', 'theme_id = $1', [themes.buses])).toBe(0);
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { purpose } }`, {
      p: people[2],
    });
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { responsesDeleted } }`, { id: people[3] });
    await expectRollupsExact();
    for (const table of ['theme_response_facts', 'theme_participants', 'engagement_participants']) {
      expect(await server.count(table, 'participant_id = ANY($1)', [[people[2], people[3]]])).toBe(0);
    }
  });

  it('are recomputed by aggregate_facts_rebuild after a bulk load with triggers off', async () => {
    await server.bulkLoadAndRebuild(
      `INSERT INTO codings (response_id, theme_id) SELECT id, $1 FROM responses ON CONFLICT DO NOTHING`,
      [themes.fares],
    );
    await expectRollupsExact();
  });
});
