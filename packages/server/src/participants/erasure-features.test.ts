import { Role } from '@chorus/shared';
import { consent, pdfText, TestServer } from '../test/harness';

/**
 * What the later features hold about a person (blind double coding, suggestion provenance on
 * codings, candidate themes' examples, quotes printed in board report versions) reaches their
 * subject access export, and goes when they are erased or withdraw PARTICIPATION, also when an
 * erasure meets a report build or a draw.
 */
let server: TestServer;
let analyst: { id: string; token: string };
let blindCoder: { id: string; token: string };
let coordinator: string;
let areaId: string;
let themes: { buses: string; parks: string };
let candidatesRunId: string;

const EXPORT = `mutation($p: String!) { participantDataExport(participant: $p) { json htmlPath } }`;
const ERASE = `mutation($id: ID!) { eraseParticipant(id: $id) { quotesDeleted tablesTouched { table rows } } }`;
const REPORT = `query($v: Int) { boardReport(version: $v) { version status quoteCount withdrawnQuotes htmlPath pdfPath } }`;

beforeAll(async () => {
  server = await TestServer.start();
  analyst = await server.userWithRole(Role.ANALYST);
  blindCoder = await server.userWithRole(Role.ANALYST);
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  areaId = await server.createArea();
  const theme = async (name: string) =>
    (await server.ok(`mutation($n: String!) { createTheme(input: { name: $n }) { id } }`, { n: name })).createTheme
      .id as string;
  themes = { buses: await theme('Buses'), parks: await theme('Parks') };
  // A ready suggestion model and a grouping run, as the suggestion jobs leave them.
  await server.dataSource.query(
    `INSERT INTO suggestion_runs (engagement_id, kind, version, status, finished_at) VALUES ($1, 'MODEL', 1, 'READY', now())`,
    [server.engagementId],
  );
  [{ id: candidatesRunId }] = await server.dataSource.query(
    `INSERT INTO suggestion_runs (engagement_id, kind, version, status, finished_at)
     VALUES ($1, 'CANDIDATES', 1, 'READY', now()) RETURNING id`,
    [server.engagementId],
  );
}, 60_000);
afterAll(() => server.stop());

/** A person whose one response is coded from a suggestion, double coded blind and settled, an example of a candidate theme, and quoted (approved). */
async function heldEverywhere(text: string, doubleCoded = true) {
  const participantId = await server.registerParticipant(coordinator, {
    areaId,
    ageBand: 'AGE_25_34',
    connections: ['LIVES'],
    consents: ['PARTICIPATION', 'QUOTE'].map((purpose) => consent(purpose)),
  });
  const sessionId = await server.createSession(coordinator);
  const submitted = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text }], coordinator);
  const responseId = submitted.data!.submitResponses.responses[0].id as string;
  await server.ok(
    `mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`,
    { i: { responseId, themeId: themes.buses, suggestionModelVersion: 1 } },
    analyst.token,
  );
  if (doubleCoded) {
    await server.ok(
      `mutation($i: DrawAgreementSampleInput!) { drawAgreementSample(input: $i) { id } }`,
      { i: { percentage: 100, coderIds: [blindCoder.id] } },
      coordinator,
    );
    const [{ assignment, item }] = await server.dataSource.query(
      `SELECT a.id AS assignment, i.id AS item FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id
       WHERE i.response_id = $1 AND a.kind = 'BLIND'`,
      [responseId],
    );
    await server.ok(
      `mutation($a: ID!, $t: [ID!]!) { submitBlindCoding(assignmentId: $a, themeIds: $t) { id } }`,
      { a: assignment, t: [themes.parks] },
      blindCoder.token,
    );
    await server.ok(
      `mutation($i: ID!, $t: [ID!]!) { settleAgreementItem(itemId: $i, themeIds: $t) { id } }`,
      { i: item, t: [themes.buses, themes.parks] },
      coordinator,
    );
  }
  await server.dataSource.query(
    `INSERT INTO theme_candidates (run_id, position, size, keyphrases, example_response_ids)
     SELECT $1, coalesce(max(position), 0) + 1, 2, ARRAY['bus stop'], ARRAY[$2::uuid, gen_random_uuid()]
     FROM theme_candidates WHERE run_id = $1`,
    [candidatesRunId, responseId],
  );
  const quoteId = await approvedQuote(responseId, text);
  const [{ code }] = await server.dataSource.query(`SELECT code FROM participants WHERE id = $1`, [participantId]);
  return { participantId, code: code as string, responseId, quoteId, text };
}

/** The whole of a response quoted, taken through to APPROVED. */
async function approvedQuote(responseId: string, text: string): Promise<string> {
  const { markQuote } = await server.ok(
    `mutation($i: MarkQuoteInput!) { markQuote(input: $i) { id } }`,
    { i: { responseId, start: 0, end: text.length } },
    analyst.token,
  );
  await server.ok(`mutation($id: ID!) { checkQuoteConsent(id: $id) { id } }`, { id: markQuote.id }, coordinator);
  await server.ok(
    `mutation($i: DeidentifyQuoteInput!) { deidentifyQuote(input: $i) { id } }`,
    { i: { id: markQuote.id, publishedText: text, describeBy: [] } },
    analyst.token,
  );
  await server.ok(
    `mutation($id: ID!) { approveQuote(id: $id, acceptDescriptionRisk: true) { id } }`,
    { id: markQuote.id },
    coordinator,
  );
  return markQuote.id as string;
}

/** Numbers a report version over GraphQL and builds it here, as its job would (no job runner in this file). */
async function requestReport(): Promise<{ version: number; id: string }> {
  const { buildReport } = await server.ok(`mutation { buildReport { version } }`, {}, analyst.token);
  const [{ id }] = await server.dataSource.query(`SELECT id FROM board_reports WHERE version = $1`, [
    buildReport.version,
  ]);
  return { version: buildReport.version, id };
}

async function reportFiles(version: number) {
  const { boardReport } = await server.ok(REPORT, { v: version }, analyst.token);
  const get = (path: string) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${analyst.token}` } });
  const html = await (await get(boardReport.htmlPath)).text();
  const pdf = await pdfText(Buffer.from(await (await get(boardReport.pdfPath)).arrayBuffer()));
  const [stored] = await server.dataSource.query(
    `SELECT coalesce(html, '') AS html, pdf IS NOT NULL AS "hasPdf" FROM board_reports WHERE version = $1`,
    [version],
  );
  return { report: boardReport, html, pdf, stored: stored as { html: string; hasPdf: boolean } };
}

/** Rows still pointing at the person's response or quote, in every table the features keep. */
async function leftAbout(person: { responseId: string; quoteId: string }) {
  const [left] = await server.dataSource.query(
    `SELECT
       (SELECT count(*)::int FROM codings WHERE response_id = $1) AS codings,
       (SELECT count(*)::int FROM agreement_items WHERE response_id = $1) AS "agreementItems",
       (SELECT count(*)::int FROM agreement_assignments a WHERE NOT EXISTS (SELECT 1 FROM agreement_items i WHERE i.id = a.item_id)) AS "orphanAssignments",
       (SELECT count(*)::int FROM theme_candidates WHERE $1 = ANY(example_response_ids)) AS "candidateExamples",
       (SELECT count(*)::int FROM quotes WHERE id = $2) AS quotes,
       (SELECT count(*)::int FROM quote_uses WHERE quote_id = $2) AS "quoteUses",
       (SELECT count(*)::int FROM report_quotes WHERE quote_id = $2) AS "reportQuotes",
       (SELECT count(*)::int FROM release_quotes WHERE quote_id = $2) AS "releaseQuotes"`,
    [person.responseId, person.quoteId],
  );
  return left;
}

/** Whether a version's stored document still names the quote (printed or left out). */
async function documentNames(version: number, quoteId: string): Promise<boolean> {
  const [{ names }] = await server.dataSource.query(
    `SELECT strpos(document::text, $2) > 0 AS names FROM board_reports WHERE version = $1`,
    [version, quoteId],
  );
  return names;
}

const NOTHING_LEFT = {
  codings: 0,
  agreementItems: 0,
  orphanAssignments: 0,
  candidateExamples: 0,
  quotes: 0,
  quoteUses: 0,
  reportQuotes: 0,
  releaseQuotes: 0,
};

/** Backends of this test's database waiting for a lock, optionally only those running `query`. */
async function waiting(query = '%'): Promise<number> {
  const [{ n }] = await server.dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
    [query],
  );
  return n;
}
async function until(what: string, ready: () => Promise<boolean>) {
  for (let tries = 0; tries < 400; tries++) {
    if (await ready()) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  const seen = await server.dataSource.query(
    `SELECT state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity WHERE datname = current_database()`,
  );
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(seen)}`);
}

describe('what agreement, suggestions and reports hold about a person', () => {
  let erased: Awaited<ReturnType<typeof heldEverywhere>>;
  let withdrawn: Awaited<ReturnType<typeof heldEverywhere>>;
  let report: { version: number; id: string };

  beforeAll(async () => {
    erased = await heldEverywhere('The number 12 bus is my lifeline to the clinic.');
    withdrawn = await heldEverywhere('Hanley Park on a Sunday is where I feel at home.');
    await server.ok(`mutation { publishRelease { version } }`, {}, coordinator);
    report = await requestReport();
    await server.services.reports.build(server.systemContext(), report.id);
    const { html } = await reportFiles(report.version);
    expect(html).toContain(erased.text);
    expect(html).toContain(withdrawn.text);
    expect(await documentNames(report.version, erased.quoteId)).toBe(true);
  }, 120_000);

  it('are in their subject access export, as JSON and as the readable page', async () => {
    const { participantDataExport } = await server.ok(EXPORT, { p: erased.code });
    const doc = JSON.parse(participantDataExport.json);
    expect(doc.codings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          theme: 'Buses',
          fromSuggestion: true,
          suggestionModelVersion: 1,
          suggestionAcceptedByRole: 'ANALYST',
        }),
        expect.objectContaining({ theme: 'Parks', fromSuggestion: false, suggestionModelVersion: null }),
      ]),
    );
    expect(doc.agreementItems).toEqual([
      expect.objectContaining({
        responseId: erased.responseId,
        samplePercentage: '100.00',
        settledThemes: ['Buses', 'Parks'],
      }),
    ]);
    expect(doc.agreementItems[0].settledAt).not.toBeNull();
    expect(doc.agreementCodings.map((c: { kind: string; themes: string[] }) => [c.kind, c.themes])).toEqual([
      ['ORIGINAL', ['Buses']],
      ['BLIND', ['Parks']],
    ]);
    const printed = doc.quoteUses.filter((use: { kind: string }) => use.kind === 'REPORT');
    expect(printed).toEqual([expect.objectContaining({ quote_id: erased.quoteId, reportVersion: report.version })]);
    expect(doc.quoteUses).toContainEqual(expect.objectContaining({ kind: 'RELEASE', releaseVersion: 1 }));
    // The blind coder is not named: their codings are given by kind.
    expect(participantDataExport.json).not.toContain(blindCoder.id);

    const page = await (
      await fetch(`${server.url}${participantDataExport.htmlPath}`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).text();
    expect(page).toContain('Your words drawn to check that coders agree, and how it was settled');
    expect(page).toContain('<td>[&quot;Buses&quot;,&quot;Parks&quot;]</td>');
    expect(page).toContain('<th scope="col">suggestionModelVersion</th>');
    expect(page).toContain('<th scope="col">reportVersion</th>');
    expect(page).toContain(`<td>${report.version}</td>`);
  });

  it('go when the person is erased, the receipt names every table, and the report stops serving their words', async () => {
    const { eraseParticipant } = await server.ok(ERASE, { id: erased.participantId });
    const touched = Object.fromEntries(
      eraseParticipant.tablesTouched.map((t: { table: string; rows: number }) => [t.table, t.rows]),
    );
    expect(touched).toMatchObject({
      codings: 2,
      agreement_items: 1,
      agreement_assignments: 2,
      agreement_assignment_themes: 2,
      agreement_settled_themes: 2,
      theme_candidates: 1,
      quotes: 1,
      quote_uses: 2,
      release_quotes: 1,
      report_quotes: 1,
      release_quote_removals: 1,
      report_quote_removals: 1,
      board_reports: 1,
    });
    expect(touched.audit_events).toBeGreaterThan(1);
    expect(await leftAbout(erased)).toEqual(NOTHING_LEFT);
    // The other example of the candidate is kept.
    expect(await server.count('theme_candidates', 'cardinality(example_response_ids) = 1')).toBe(1);

    const files = await reportFiles(report.version);
    expect(files.report).toMatchObject({ status: 'READY', withdrawnQuotes: 1 });
    expect(files.stored).toEqual({ html: '', hasPdf: false });
    for (const text of [files.html, files.pdf]) {
      expect(text).not.toContain('lifeline to the clinic');
      expect(text).toContain(withdrawn.text);
    }
    expect(files.html).toContain('have since been withdrawn');
    // The version's document keeps no id of the erased quote, and its files name none.
    expect(await documentNames(report.version, erased.quoteId)).toBe(false);
    for (const text of [files.html, files.pdf]) expect(text).not.toContain(erased.quoteId);
  }, 60_000);

  it('go when the person withdraws PARTICIPATION, as on erasure', async () => {
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { granted } }`, {
      p: withdrawn.participantId,
    });
    expect(await leftAbout(withdrawn)).toEqual(NOTHING_LEFT);
    const files = await reportFiles(report.version);
    expect(files.report).toMatchObject({ withdrawnQuotes: 2 });
    for (const text of [files.html, files.pdf]) {
      expect(text).not.toContain('where I feel at home');
      expect(text).not.toContain(withdrawn.quoteId);
    }
    expect(await documentNames(report.version, withdrawn.quoteId)).toBe(false);
    // What stays for them is the ledger and the code, nothing they said.
    const { participantDataExport } = await server.ok(EXPORT, { p: withdrawn.code });
    const doc = JSON.parse(participantDataExport.json);
    expect([doc.codings, doc.agreementItems, doc.agreementCodings, doc.quoteUses]).toEqual([[], [], [], []]);
  }, 60_000);
});

describe('a quote left out of a version for want of consent, then erased', () => {
  it('is no longer named by the version, which still counts it as left out', async () => {
    const person = await heldEverywhere('The food bank volunteers know my name.', false);
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: QUOTE) { granted } }`, {
      p: person.participantId,
    });
    await server.ok(`mutation { publishRelease { version } }`, {}, coordinator);
    const report = await requestReport();
    await server.services.reports.build(server.systemContext(), report.id);
    expect((await reportFiles(report.version)).html).toContain(person.quoteId);

    await server.ok(ERASE, { id: person.participantId });
    expect(await documentNames(report.version, person.quoteId)).toBe(false);
    const files = await reportFiles(report.version);
    for (const text of [files.html, files.pdf]) expect(text).not.toContain(person.quoteId);
    expect(files.html).toContain('left out because consent to be quoted had been withdrawn');
    expect(files.html).toContain('a quote since erased');
  }, 60_000);
});

describe('an erasure during a report build', () => {
  it('never leaves the version printing the erased person’s words', async () => {
    const person = await heldEverywhere('The bench by the war memorial is where I meet my brother.', false);
    await server.ok(`mutation { publishRelease { version } }`, {}, coordinator);
    const report = await requestReport();
    // Hold the build inside its transaction, after it has taken the quotes (FOR SHARE) and drawn
    // its files, just before it records their uses.
    const gate = server.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    try {
      await gate.query(`LOCK TABLE quote_uses IN SHARE MODE`);
      const building = server.services.reports.build(server.systemContext(), report.id);
      await until('the build to reach its quote uses', async () => (await waiting('%INSERT INTO quote_uses%')) === 1);
      const erasing = server.gql(ERASE, { id: person.participantId }, server.adminToken);
      await until('the erasure to wait for the build', async () => (await waiting()) === 2);
      await gate.commitTransaction();
      await building;
      const erasure = await erasing;
      expect(erasure.errors).toBeUndefined();
      const touched = erasure.data.eraseParticipant.tablesTouched.map((t: { table: string }) => t.table);
      expect(touched).toEqual(expect.arrayContaining(['report_quotes', 'report_quote_removals', 'board_reports']));
    } finally {
      await gate.release();
    }
    const files = await reportFiles(report.version);
    expect(files.report).toMatchObject({ status: 'READY', withdrawnQuotes: 1 });
    expect(files.stored.html).not.toContain('war memorial');
    for (const text of [files.html, files.pdf]) expect(text).not.toContain('war memorial');
  }, 60_000);
});

describe('an erasure during a release build', () => {
  it('waits for the build or the build for it, both taking the quotes in the same order: no deadlock', async () => {
    const person = await heldEverywhere('The allotments keep me sane.', false);
    const sessionId = await server.createSession(coordinator);
    const more = await server.submit(
      sessionId,
      [{ participantId: person.participantId, prompt: 'FUTURE', text: 'More allotments by the canal.' }],
      coordinator,
    );
    const second = await approvedQuote(more.data.submitResponses.responses[0].id, 'More allotments by the canal.');
    const [low, high] = [person.quoteId, second].sort();
    // The lower id is the older quote, so a build scanning the register newest first (its index)
    // would meet the higher id first: the other way round from an erasure.
    await server.dataSource.query(`UPDATE quotes SET created_at = created_at - interval '1 hour' WHERE id = $1`, [low]);
    const gate = server.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    try {
      await gate.query(`SELECT id FROM quotes WHERE id = $1 FOR UPDATE`, [low]);
      const erasing = server.gql(ERASE, { id: person.participantId }, server.adminToken);
      await until('the erasure to wait for the first quote', async () => (await waiting()) === 1);
      const publishing = server.gql(`mutation { publishRelease { version } }`, {}, coordinator);
      await until('the release build to wait too', async () => (await waiting()) === 2);
      await gate.commitTransaction();
      const [erasure, release] = await Promise.all([erasing, publishing]);
      expect(erasure.errors).toBeUndefined();
      expect(release.errors).toBeUndefined();
    } finally {
      await gate.release();
    }
    expect(await server.count('quotes', 'id = ANY($1::uuid[])', [[low, high]])).toBe(0);
    expect(await server.count('release_quotes', 'quote_id = ANY($1::uuid[])', [[low, high]])).toBe(0);
  }, 60_000);
});

describe('an erasure during a draw for blind double coding', () => {
  it('leaves the erased response out of the sample, and the draw still succeeds', async () => {
    const person = await heldEverywhere('The youth club saved my son.', false);
    const group = await server.createSession(coordinator);
    const notes = await server.submit(group, [{ prompt: 'VALUES', text: 'Group note: the youth club matters.' }]);
    const noteId = notes.data.submitResponses.responses[0].id as string;
    await server.ok(`mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`, {
      i: { responseId: noteId, themeId: themes.parks },
    });
    // Hold the erasure after it has deleted the person's responses, before it commits.
    const gate = server.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    try {
      await gate.query(`LOCK TABLE audit_events IN SHARE MODE`);
      const erasing = server.gql(ERASE, { id: person.participantId }, server.adminToken);
      await until('the erasure to reach the audit trail', async () => (await waiting('%UPDATE audit_events%')) === 1);
      const drawing = server.gql(
        `mutation($i: DrawAgreementSampleInput!) { drawAgreementSample(input: $i) { id items } }`,
        { i: { percentage: 100, coderIds: [blindCoder.id] } },
        coordinator,
      );
      await until('the draw to wait for the erasure', async () => (await waiting()) === 2);
      await gate.commitTransaction();
      expect((await erasing).errors).toBeUndefined();
      const draw = await drawing;
      expect(draw.errors).toBeUndefined();
      expect(draw.data.drawAgreementSample.items).toBe(1);
    } finally {
      await gate.release();
    }
    expect(await server.count('agreement_items', 'response_id = $1', [noteId])).toBe(1);
    expect(await server.count('agreement_items', 'response_id = $1', [person.responseId])).toBe(0);
  }, 60_000);
});
