import { Role } from '@chorus/shared';
import { consent, TestServer } from '../test/harness';

const THRESHOLD = 3;
let server: TestServer;
let council: string;
let common: string;
let rare: string;
let hanley: string;
let fenton: string;

const SUMMARY = `query($f: AggregateFilter) {
  themeSummary(filter: $f) { threshold totalResponses totalParticipants themes { theme { id name } responses participants suppressed } }
}`;

/** `people` participants in `areaId`, each saying one thing coded to `themeId`. */
async function hear(people: number, areaId: string, themeId: string, prompt = 'VALUES', ageBand = 'AGE_25_34') {
  const sessionId = await server.createSession(server.adminToken, { areaId, format: 'WORKSHOP' });
  for (let i = 0; i < people; i++) {
    const participantId = await server.registerParticipant(server.adminToken, {
      sessionId,
      areaId,
      ageBand,
      consents: [consent('PARTICIPATION')],
    });
    const submitted = await server.submit(sessionId, [{ participantId, prompt, text: `Something said ${i}` }]);
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: submitted.data.submitResponses.responses[0].id,
      t: themeId,
    });
  }
}

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  council = await server.apiKey(Role.COUNCIL_READER);
  const theme = async (name: string) =>
    (await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, { n: name })).createTheme.id;
  common = await theme('Neighbourliness');
  rare = await theme('Loneliness');
  hanley = await server.createArea(30_000);
  fenton = await server.createArea(20_000);
  await hear(4, hanley, common);
  await hear(1, fenton, rare, 'CHALLENGES', 'AGE_75_PLUS');
});
afterAll(() => server.stop());

const cell = (summary: any, themeId: string) => summary.themeSummary.themes.find((t: any) => t.theme.id === themeId);

/**
 * Released figures move the truth by at most 3 and are never below the threshold; a small true count
 * may also be withheld when its adjustment would take it below the threshold.
 */
const near = (value: number | null, truth: number) =>
  value === null ? truth - 3 < THRESHOLD : value >= THRESHOLD && Math.abs(value - truth) <= 3;

describe('themeSummary', () => {
  it('releases perturbed cells at or above the threshold and suppresses the rest', async () => {
    const summary = await server.ok(SUMMARY, {}, council);
    expect(summary.themeSummary.threshold).toBe(THRESHOLD);
    expect(near(summary.themeSummary.totalResponses, 5)).toBe(true);
    expect(near(summary.themeSummary.totalParticipants, 5)).toBe(true);
    const released = cell(summary, common);
    expect(near(released.responses, 4) && near(released.participants, 4)).toBe(true);
    expect(cell(summary, rare)).toMatchObject({ responses: null, participants: null, suppressed: true });
  });

  it('suppresses totals too when a filter narrows them below the threshold', async () => {
    const summary = await server.ok(SUMMARY, { f: { areaIds: [fenton] } }, council);
    expect(summary.themeSummary.totalResponses).toBeNull();
    expect(summary.themeSummary.totalParticipants).toBeNull();
    expect(summary.themeSummary.themes.every((t: any) => t.suppressed && t.responses === null)).toBe(true);
  });

  it('never releases a count below the threshold, whatever the filter', async () => {
    const filters = [
      {},
      { areaIds: [hanley] },
      { areaIds: [fenton] },
      { prompts: ['CHALLENGES'] },
      { ageBands: ['AGE_75_PLUS'] },
      { formats: ['WORKSHOP'] },
      { from: '2026-06-01T00:00:00+01:00', to: '2026-07-01T00:00:00+01:00' },
    ];
    for (const f of filters) {
      const summary = (await server.ok(SUMMARY, { f }, council)).themeSummary;
      const released = [
        summary.totalResponses,
        summary.totalParticipants,
        ...summary.themes.flatMap((t: any) => [t.responses, t.participants]),
      ];
      for (const count of released) if (count !== null) expect(count).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });

  it('counts distinct participants, not responses', async () => {
    const sessionId = await server.createSession(server.adminToken, { areaId: fenton });
    const participantId = await server.registerParticipant(server.adminToken, { sessionId, areaId: fenton });
    const submitted = await server.submit(
      sessionId,
      Array.from({ length: 4 }, (_, i) => ({ participantId, prompt: 'FUTURE', text: `One voice, point ${i}` })),
    );
    for (const response of submitted.data.submitResponses.responses) {
      await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
        r: response.id,
        t: rare,
      });
    }
    // Four responses from one person: still one person, so still suppressed.
    const summary = await server.ok(SUMMARY, { f: { prompts: ['FUTURE'] } }, council);
    expect(cell(summary, rare)).toMatchObject({ suppressed: true, responses: null });
  });

  it('names the bad filter field', async () => {
    const result = await server.gql(SUMMARY, { f: { areaIds: ['nope'] } }, council);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.areaIds.0' });
    const backwards = await server.gql(
      SUMMARY,
      { f: { from: '2026-09-01T00:00:00+01:00', to: '2026-06-01T00:00:00+01:00' } },
      council,
    );
    expect(backwards.errors?.[0]?.extensions?.field).toBe('filter.to');
  });
});
