import { Role } from '@chorus/shared';
import pino from 'pino';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { JOB_TASKS } from '../jobs/tasks';
import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
let runner: JobRunner;

beforeAll(async () => {
  server = await TestServer.start();
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  runner = await startJobRunner({
    databaseUrl: options.url,
    dataSource: server.dataSource,
    services: server.services,
    tasks: JOB_TASKS,
    logger: pino({ level: 'silent' }),
    concurrency: 1,
    pollIntervalMs: 100,
  });
});
afterAll(async () => {
  await runner.stop();
  await server.stop();
});

const RUN = `query($k: SuggestionRunKind!) {
  suggestionRun(kind: $k) { id version status progress responsesUsed themes
    candidates { id size keyphrases examples { id text } theme { id } } }
}`;
const SUGGEST = `query($r: ID!) { themeSuggestions(responseId: $r) { theme { id name } score words modelVersion } }`;
const CODE = `mutation($i: CodeResponseInput!) {
  codeResponse(input: $i) { id fromSuggestion suggestionModelVersion acceptedBy { id } coder { id } }
}`;

async function theme(name: string): Promise<string> {
  return (await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, { n: name })).createTheme
    .id;
}

async function submit(texts: string[]): Promise<string[]> {
  const session = await server.createSession();
  const result = await server.submit(
    session,
    texts.map((text) => ({ prompt: 'CHALLENGES', text })),
  );
  return result.data.submitResponses.responses.map((r: { id: string }) => r.id);
}

/** Polls until the newest run of `kind` has finished, as the admin app's progress bar does. */
async function finished(kind: 'MODEL' | 'CANDIDATES') {
  for (;;) {
    const run = (await server.ok(RUN, { k: kind })).suggestionRun;
    if (run && (run.status === 'READY' || run.status === 'FAILED')) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const BUSES = ['bus', 'late', 'timetable', 'route', 'driver'];
const PARKS = ['park', 'trees', 'playground', 'benches', 'grass'];
const sentence = (words: string[], n: number) =>
  `Honestly the ${words[n % 5]} and the ${words[(n + 1) % 5]}, also the ${words[(n + 3) % 5]} round here`;

describe('theme suggestions', () => {
  let busTheme: string;
  let parkTheme: string;
  let version: number;

  beforeAll(async () => {
    busTheme = await theme('Buses');
    parkTheme = await theme('Parks');
    const texts = [
      ...[...Array(12).keys()].map((n) => sentence(BUSES, n)),
      ...[...Array(12).keys()].map((n) => sentence(PARKS, n)),
    ];
    const ids = await submit(texts);
    // The 20th coding queues the first model by itself.
    for (const [i, id] of ids.entries()) {
      await server.ok(CODE, { i: { responseId: id, themeId: i < 12 ? busTheme : parkTheme } });
    }
    let run = await finished('MODEL');
    // The queued model may have read its codings before the last few were made: ask for one that has them all.
    if (run.responsesUsed < 24) {
      await server.ok(`mutation { trainSuggestionModel { id } }`);
      run = await finished('MODEL');
    }
    expect(run).toMatchObject({ status: 'READY', progress: 1, responsesUsed: 24, themes: 2 });
    version = run.version;
  });

  it('suggests the theme a new response is about, with the words that drove it, and records the acceptance', async () => {
    const [responseId] = await submit(['The bus driver said the timetable changed again']);
    const { themeSuggestions } = await server.ok(SUGGEST, { r: responseId });
    expect(themeSuggestions[0]).toMatchObject({ theme: { id: busTheme }, modelVersion: version });
    expect(themeSuggestions[0].words.some((w: string) => ['bus', 'driver', 'timetable'].includes(w))).toBe(true);
    expect(themeSuggestions.map((s: { theme: { id: string } }) => s.theme.id)).not.toContain(parkTheme);

    const analyst = await server.userWithRole(Role.ANALYST);
    const accepted = (
      await server.ok(CODE, { i: { responseId, themeId: busTheme, suggestionModelVersion: version } }, analyst.token)
    ).codeResponse;
    expect(accepted).toMatchObject({
      fromSuggestion: true,
      suggestionModelVersion: version,
      acceptedBy: { id: analyst.id },
    });
    // Once coded, the theme is no longer suggested for it.
    const after = (await server.ok(SUGGEST, { r: responseId })).themeSuggestions;
    expect(after.map((s: { theme: { id: string } }) => s.theme.id)).not.toContain(busTheme);
  });

  it('records a coding made by hand as not from a suggestion', async () => {
    const [responseId] = await submit(['The grass in the park is never cut']);
    const coding = (await server.ok(CODE, { i: { responseId, themeId: parkTheme } })).codeResponse;
    expect(coding).toMatchObject({ fromSuggestion: false, suggestionModelVersion: null, acceptedBy: null });
  });

  it("refuses a model version the engagement never had, another engagement's included, naming the field", async () => {
    const [other] = await server.dataSource.query(
      `INSERT INTO engagements (name, suppression_threshold) VALUES ('Another city', 3) RETURNING id`,
    );
    await server.dataSource.query(
      `INSERT INTO suggestion_runs (engagement_id, kind, version, status, progress) VALUES ($1, 'MODEL', 77, 'READY', 1)`,
      [other.id],
    );
    const [responseId] = await submit(['The bus was late']);
    for (const suggestionModelVersion of [77, version + 100]) {
      const result = await server.gql(
        CODE,
        { i: { responseId, themeId: busTheme, suggestionModelVersion } },
        server.adminToken,
      );
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe('suggestionModelVersion');
    }
    expect(await server.count('codings', 'response_id = $1', [responseId])).toBe(0);
    // The other engagement's run is not this engagement's newest.
    expect((await server.ok(RUN, { k: 'MODEL' })).suggestionRun.version).toBeLessThan(77);
  });

  it('refuses a response id that is not one, naming the field', async () => {
    const result = await server.gql(SUGGEST, { r: 'not-a-uuid' }, server.adminToken);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('responseId');
  });

  it('answers partner and council keys, and facilitators, with nothing', async () => {
    const [responseId] = await submit(['The bus was late']);
    const organisation = await server.createOrganisation();
    const callers = [
      await server.apiKey(Role.PARTNER, organisation),
      await server.apiKey(Role.COUNCIL_READER),
      (await server.userWithRole(Role.FACILITATOR)).token,
    ];
    for (const token of callers) {
      for (const [query, variables] of [
        [SUGGEST, { r: responseId }],
        [RUN, { k: 'MODEL' }],
        [`mutation { trainSuggestionModel { id } }`, {}],
        [`mutation { findThemeCandidates { id } }`, {}],
      ] as const) {
        const result = await server.gql(query, variables, token);
        expect(codeOf(result)).toBe('FORBIDDEN');
        expect(Object.values(result.data ?? {}).filter((value) => value !== null)).toEqual([]);
      }
    }
  });

  it('suggests nothing to a coder coding a response blind, and still to everyone else', async () => {
    const [responseId] = await submit(['The bus driver was late and the timetable wrong']);
    // Coded to the wrong theme, so Buses is still suggested to anyone who may see its coding.
    await server.ok(CODE, { i: { responseId, themeId: parkTheme } });
    const blindCoder = await server.userWithRole(Role.ANALYST);
    await server.ok(`mutation($i: DrawAgreementSampleInput!) { drawAgreementSample(input: $i) { id } }`, {
      i: { percentage: 100, coderIds: [blindCoder.id], seed: 1 },
    });
    const themesOf = async (token?: string) =>
      (await server.ok(SUGGEST, { r: responseId }, token)).themeSuggestions.map(
        (s: { theme: { id: string } }) => s.theme.id,
      );
    expect(await themesOf()).toContain(busTheme);
    expect(await themesOf(blindCoder.token)).toEqual([]);
  });
  it('records a rejection, after which the theme is not suggested for that response again, to anyone', async () => {
    const [responseId] = await submit(['The bus driver skipped the route and the timetable']);
    const themesOf = async (token?: string) =>
      (await server.ok(SUGGEST, { r: responseId }, token)).themeSuggestions.map(
        (s: { theme: { id: string } }) => s.theme.id,
      );
    expect(await themesOf()).toContain(busTheme);
    const analyst = await server.userWithRole(Role.ANALYST);
    const reject = `mutation($i: RejectThemeSuggestionInput!) {
      rejectThemeSuggestion(input: $i) { id modelVersion rejectedAt theme { id } }
    }`;
    const input = { responseId, themeId: busTheme, modelVersion: version };
    const rejected = (await server.ok(reject, { i: input }, analyst.token)).rejectThemeSuggestion;
    expect(rejected).toMatchObject({ modelVersion: version, theme: { id: busTheme } });
    expect(await themesOf()).not.toContain(busTheme);
    expect(await themesOf(analyst.token)).not.toContain(busTheme);
    // Twice is once.
    expect((await server.ok(reject, { i: input })).rejectThemeSuggestion.id).toBe(rejected.id);
    const [row] = await server.dataSource.query(
      `SELECT rejected_by_user_id, model_version FROM suggestion_rejections WHERE response_id = $1`,
      [responseId],
    );
    expect(row).toEqual({ rejected_by_user_id: analyst.id, model_version: version });

    for (const [field, bad] of [
      ['modelVersion', { ...input, modelVersion: version + 100 }],
      ['responseId', { ...input, responseId: 'nope' }],
      ['themeId', { ...input, themeId: '00000000-0000-4000-8000-000000000000' }],
    ] as const) {
      expect(fieldOf(await server.gql(reject, { i: bad }, server.adminToken))).toBe(field);
    }
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    expect(codeOf(await server.gql(reject, { i: input }, facilitator.token))).toBe('FORBIDDEN');

    // Erasing the person who wrote the response takes the rejection with it.
    const [{ participant_id }] = await server.dataSource.query(`SELECT participant_id FROM responses WHERE id = $1`, [
      responseId,
    ]);
    if (participant_id) {
      await server.dataSource.query(`DELETE FROM participants WHERE id = $1`, [participant_id]);
    } else {
      await server.dataSource.query(`DELETE FROM responses WHERE id = $1`, [responseId]);
    }
    expect(await server.count('suggestion_rejections', 'response_id = $1', [responseId])).toBe(0);
  });
});

describe('candidate themes', () => {
  const BINS = ['bins', 'recycling', 'collection', 'rubbish', 'missed'];
  const LIGHTS = ['streetlights', 'lamp', 'dark', 'broken', 'night'];

  it('groups uncoded responses into candidates with keyphrases and examples, and makes one a theme in one step', async () => {
    await submit([
      ...[...Array(10).keys()].map((n) => sentence(BINS, n)),
      ...[...Array(10).keys()].map((n) => sentence(LIGHTS, n)),
    ]);
    const queued = (await server.ok(`mutation { findThemeCandidates { id status } }`)).findThemeCandidates;
    expect(['QUEUED', 'RUNNING', 'READY']).toContain(queued.status);
    const run = await finished('CANDIDATES');
    expect(run.status).toBe('READY');
    const bins = run.candidates.find((c: { keyphrases: string[] }) => c.keyphrases.some((p) => BINS.includes(p)));
    expect(bins).toBeDefined();
    expect(bins.keyphrases.every((p: string) => p.split(' ').every((w) => BINS.includes(w)))).toBe(true);
    expect(bins.examples).toHaveLength(5);
    expect(bins.examples.every((r: { text: string }) => BINS.some((w) => r.text.includes(w)))).toBe(true);

    const create = `mutation($i: CreateThemeFromCandidateInput!) { createThemeFromCandidate(input: $i) { id name } }`;
    const made = (await server.ok(create, { i: { candidateId: bins.id, name: 'Bin collections', codeExamples: true } }))
      .createThemeFromCandidate;
    expect(made.name).toBe('Bin collections');
    const examples = bins.examples.map((r: { id: string }) => r.id);
    expect(await server.count('codings', 'theme_id = $1 AND response_id = ANY($2)', [made.id, examples])).toBe(5);

    const again = await server.gql(create, { i: { candidateId: bins.id, name: 'Bins again' } }, server.adminToken);
    expect(fieldOf(again)).toBe('candidateId');
    expect(await server.count('themes', 'name = $1', ['Bins again'])).toBe(0);
    const after = (await server.ok(RUN, { k: 'CANDIDATES' })).suggestionRun;
    expect(after.candidates.find((c: { id: string }) => c.id === bins.id).theme.id).toBe(made.id);
  });

  it('refuses a facilitator, who may not edit the codebook', async () => {
    const facilitator = await server.userWithRole(Role.FACILITATOR);
    const result = await server.gql(
      `mutation($i: CreateThemeFromCandidateInput!) { createThemeFromCandidate(input: $i) { id } }`,
      { i: { candidateId: '00000000-0000-4000-8000-000000000000', name: 'X' } },
      facilitator.token,
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
  });
});

describe('retraining as codings change', () => {
  const latestModel = async () =>
    (
      await server.dataSource.query(
        `SELECT version, status, codings_at_start, started_at FROM suggestion_runs
         WHERE engagement_id = $1 AND kind = 'MODEL' ORDER BY version DESC LIMIT 1`,
        [server.engagementId],
      )
    )[0] as { version: number; status: string; codings_at_start: number; started_at: Date };

  it('queues a new model through the job queue once enough codings changed, and not one change before', async () => {
    await finished('MODEL');
    const model = await latestModel();
    expect(model.status).toBe('READY');
    // The documented rule: 50 changed codings, or 5 % of those the model read (at least one), whichever comes first.
    const threshold = Math.min(50, Math.max(1, Math.ceil(0.05 * model.codings_at_start)));
    expect(threshold).toBeGreaterThan(1);
    const themeId = await theme('Retraining');
    const ids = await submit([...Array(threshold - 1).keys()].map((n) => `Response ${n} about retraining`));
    for (const responseId of ids) await server.ok(CODE, { i: { responseId, themeId } });
    // The jobs run every 100 ms: long enough for one queued by mistake to have started.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await latestModel()).toMatchObject({ version: model.version, status: 'READY' });
    // What the codebook screen shows: the model in use, what it read, and how much changed since.
    expect(
      (await server.ok(`query { suggestionModel { version codingsUsed codingsChangedSince } }`)).suggestionModel,
    ).toEqual({ version: model.version, codingsUsed: model.codings_at_start, codingsChangedSince: threshold - 1 });

    // Removing a coding the model learnt from is a change too, and this one crosses the threshold.
    const [old] = await server.dataSource.query(
      `SELECT c.id FROM codings c JOIN themes t ON t.id = c.theme_id
       WHERE t.engagement_id = $1 AND c.created_at < $2 LIMIT 1`,
      [server.engagementId, model.started_at],
    );
    await server.ok(`mutation($id: ID!) { uncodeResponse(id: $id) }`, { id: old.id });
    const retrained = await finished('MODEL');
    expect(retrained).toMatchObject({ version: model.version + 1, status: 'READY' });
    const [busResponse] = await submit(['The bus timetable and the driver']);
    expect((await server.ok(SUGGEST, { r: busResponse })).themeSuggestions[0].modelVersion).toBe(model.version + 1);
  });
});
