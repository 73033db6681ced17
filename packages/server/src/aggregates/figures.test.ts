import { Role } from '@chorus/shared';
import { release } from '../disclosure/ptable';
import { TestServer } from '../test/harness';

/**
 * The figures from the fact tables, checked against the same counts and cell keys taken from the
 * source tables (the query themeSummary ran before the facts existed) and released through the
 * ptable, under every filter shape allowed, before and after each kind of write that moves, adds
 * or removes what is counted.
 */
const THRESHOLD = 2;
let server: TestServer;
let council: string;
const areas: string[] = [];
const themes: string[] = [];
const sessions: string[] = [];
const people: string[] = [];
const responses: string[] = [];

const SUMMARY = `query($f: AggregateFilter) {
  themeSummary(filter: $f) { totalResponses totalParticipants themes { theme { id } responses participants suppressed } }
}`;

// The counts as themeSummary took them before the fact tables: joins over the source tables.
const SOURCE_SCOPE = `
  SELECT r.id AS response_id, r.participant_id, r.record_key AS rk, p.record_key AS pk FROM responses r
  JOIN sessions s ON s.id = r.session_id LEFT JOIN participants p ON p.id = r.participant_id
  WHERE s.engagement_id = $1
    AND ($2::uuid[] IS NULL OR coalesce(p.area_id, s.area_id) = ANY($2))
    AND ($3::text[] IS NULL OR s.format = ANY($3))
    AND ($4::text[] IS NULL OR r.prompt = ANY($4))
    AND ($5::text[] IS NULL OR p.age_band = ANY($5))
    AND ($6::timestamptz IS NULL OR s.starts_at >= $6)
    AND ($7::timestamptz IS NULL OR s.starts_at < $7)`;

interface Filter {
  areaIds?: string[];
  formats?: string[];
  prompts?: string[];
  ageBands?: string[];
  from?: string;
  to?: string;
}

async function fromSource(f: Filter) {
  const args = [
    server.engagementId,
    f.areaIds ?? null,
    f.formats ?? null,
    f.prompts ?? null,
    f.ageBands ?? null,
    f.from ?? null,
    f.to ?? null,
  ];
  // Responses with their keys, then each participant once with theirs.
  const figures = (scope: string) =>
    `SELECT count(*)::int AS responses, coalesce(sum(rk), 0)::int AS response_key,
            (SELECT count(*) FROM (SELECT DISTINCT participant_id FROM ${scope} x WHERE participant_id IS NOT NULL) d)::int AS participants,
            (SELECT coalesce(sum(pk), 0) FROM (SELECT DISTINCT participant_id, pk FROM ${scope} x WHERE participant_id IS NOT NULL) d)::int AS participant_key
     FROM ${scope} x`;
  const [totals] = await server.dataSource.query(figures(`(${SOURCE_SCOPE})`), args);
  const current: { id: string }[] = await server.dataSource.query(`SELECT id FROM themes`);
  const out = (n: number, key: number) => release(n, key, THRESHOLD);
  const themes = [];
  for (const { id } of current) {
    const [cell] = await server.dataSource.query(
      figures(
        `(SELECT * FROM (${SOURCE_SCOPE}) s WHERE response_id IN (SELECT response_id FROM codings WHERE theme_id = $8))`,
      ),
      [...args, id],
    );
    const responses = out(cell.responses, cell.response_key);
    const participants = out(cell.participants, cell.participant_key);
    const suppressed = responses.suppressed || participants.suppressed;
    themes.push({
      theme: { id },
      responses: suppressed ? null : responses.value,
      participants: suppressed ? null : participants.value,
      suppressed,
    });
  }
  return {
    totalResponses: out(totals.responses, totals.response_key).value,
    totalParticipants: out(totals.participants, totals.participant_key).value,
    themes: themes.sort((a, b) => a.theme.id.localeCompare(b.theme.id)),
  };
}

async function fromApi(f: Filter) {
  const summary = (await server.ok(SUMMARY, { f }, council)).themeSummary;
  summary.themes.sort((a: any, b: any) => a.theme.id.localeCompare(b.theme.id));
  return summary;
}

function filters(): Filter[] {
  return [
    {},
    { areaIds: [areas[0]!] },
    { areaIds: [areas[1]!] },
    { areaIds: [areas[2]!] },
    { formats: ['WORKSHOP'] },
    { formats: ['INTERVIEW'] },
    { prompts: ['VALUES'] },
    { prompts: ['FUTURE'] },
    { ageBands: ['AGE_25_34'] },
    { ageBands: ['AGE_75_PLUS'] },
    { from: '2026-06-01T00:00:00+01:00', to: '2026-07-01T00:00:00+01:00' },
    { areaIds: [areas[0]!], prompts: ['VALUES'], formats: ['WORKSHOP'] },
    {
      areaIds: [areas[1]!],
      ageBands: ['AGE_25_34'],
      from: '2026-06-01T00:00:00+01:00',
      to: '2026-07-01T00:00:00+01:00',
    },
  ];
}

async function expectExactEverywhere() {
  for (const f of filters()) expect({ f, ...(await fromApi(f)) }).toEqual({ f, ...(await fromSource(f)) });
}

const code = async (responseId: string, themeId: string, excerpt?: string) =>
  (
    await server.ok(`mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`, {
      i: { responseId, themeId, excerpt },
    })
  ).codeResponse.id as string;

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  for (let i = 0; i < 3; i++) areas.push(await server.createArea());
  for (const name of ['Parks', 'Buses', 'Libraries', 'Safety']) {
    themes.push(
      (await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, { n: name })).createTheme
        .id,
    );
  }
  const plan = [
    { areaId: areas[0], format: 'WORKSHOP', startsAt: '2026-06-02T10:00:00Z' },
    { areaId: areas[1], format: 'INTERVIEW', startsAt: '2026-06-08T10:00:00Z' },
    { areaId: null, format: 'CONVERSATION', startsAt: '2026-06-15T10:00:00Z' },
    { areaId: areas[2], format: 'WORKSHOP', startsAt: '2026-06-22T10:00:00Z' },
  ];
  for (const session of plan) sessions.push(await server.createSession(server.adminToken, session));
  const bands = ['AGE_25_34', 'AGE_75_PLUS', 'AGE_16_24', undefined];
  const prompts = ['VALUES', 'BELONGING', 'CHALLENGES', 'FUTURE', 'WHAT_WORKS'];
  for (let i = 0; i < 12; i++) {
    const sessionId = sessions[i % sessions.length]!;
    // Some people give their own area (different from the session's), some none.
    const areaId = i % 3 === 0 ? undefined : areas[(i + 1) % 3];
    const participantId = await server.registerParticipant(server.adminToken, {
      sessionId,
      ...(areaId ? { areaId } : {}),
      ...(bands[i % 4] ? { ageBand: bands[i % 4] } : {}),
    });
    people.push(participantId);
    const said = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
      participantId,
      prompt: prompts[(i + k) % 5],
      text: `Point ${k} from person ${i} about the park and the bus`,
    }));
    // A group note (no participant) in every other batch.
    if (i % 2 === 0) said.push({ participantId: null as unknown as string, prompt: 'FUTURE', text: `Group note ${i}` });
    const submitted = await server.submit(sessionId, said);
    for (const r of submitted.data.submitResponses.responses) responses.push(r.id);
  }
  for (const [i, responseId] of responses.entries()) {
    await code(responseId, themes[i % 4]!);
    if (i % 3 === 0) await code(responseId, themes[(i + 1) % 4]!);
    // The same theme twice through excerpts: still one response under it.
    if (i % 5 === 0) {
      await code(responseId, themes[(i + 2) % 4]!, 'the park');
      await code(responseId, themes[(i + 2) % 4]!, 'the bus');
    }
  }
});
afterAll(() => server.stop());

describe('themeSummary figures from the fact tables', () => {
  it('match the source tables under every filter', async () => {
    await expectExactEverywhere();
  });

  it('follow a session moved to another area, format and time', async () => {
    await fromApi({ areaIds: [areas[0]!] }); // counted (and cached) before the move
    await server.ok(`mutation($id: ID!, $i: UpdateSessionInput!) { updateSession(id: $id, input: $i) { id } }`, {
      id: sessions[0],
      i: { areaId: areas[1], format: 'INTERVIEW', startsAt: '2026-06-12T10:00:00Z' },
    });
    await expectExactEverywhere();
  });

  it("follow a participant's area and age band changing", async () => {
    // No API edits a participant yet; the facts must follow whatever path does.
    await server.dataSource.query(`UPDATE participants SET area_id = $2, age_band = 'AGE_75_PLUS' WHERE id = $1`, [
      people[0],
      areas[2],
    ]);
    await server.dataSource.query(`UPDATE participants SET area_id = NULL WHERE id = $1`, [people[1]]);
    await expectExactEverywhere();
  });

  it('follow codings added and removed, an excerpt at a time', async () => {
    const extra = await code(responses[1]!, themes[3]!);
    await expectExactEverywhere();
    await server.ok(`mutation($id: ID!) { uncodeResponse(id: $id) }`, { id: extra });
    // One of two excerpts of the same theme goes: the response still counts under it.
    const [excerpt] = await server.dataSource.query(
      `SELECT id FROM codings WHERE response_id = $1 AND excerpt = 'the bus'`,
      [responses[0]],
    );
    await server.ok(`mutation($id: ID!) { uncodeResponse(id: $id) }`, { id: excerpt.id });
    await expectExactEverywhere();
  });

  it('follow a theme merged into another', async () => {
    await server.ok(`mutation($s: ID!, $t: ID!) { mergeThemes(sourceId: $s, targetId: $t) { id } }`, {
      s: themes[3],
      t: themes[2],
    });
    await expectExactEverywhere();
  });

  it('drop a withdrawn participant and an erased one', async () => {
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { purpose } }`, {
      p: people[4],
    });
    await expectExactEverywhere();
    await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { responsesDeleted } }`, { id: people[5] });
    await expectExactEverywhere();
    expect(await server.count('response_facts', 'participant_id = ANY($1)', [[people[4], people[5]]])).toBe(0);
    expect(await server.count('coding_facts', 'participant_id = ANY($1)', [[people[4], people[5]]])).toBe(0);
  });

  it('never serve figures from a write that has not committed, and serve it once it has', async () => {
    const before = await fromApi({});
    const runner = server.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO codings (response_id, theme_id) VALUES ($1, $2)`, [responses[2], themes[0]]);
      // Counted while the coding is uncommitted: the figures before it, and not kept as current after it.
      expect(await fromApi({})).toEqual(before);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await fromApi({});
    expect(after).toEqual(await fromSource({}));
  });

  it('are recomputed by aggregate_facts_rebuild after a bulk load that ran with triggers off', async () => {
    await server.bulkLoadAndRebuild(
      `INSERT INTO codings (response_id, theme_id) SELECT id, $1 FROM responses ON CONFLICT DO NOTHING`,
      [themes[1]],
    );
    await expectExactEverywhere();
  });
});
