import { Role } from '@chorus/shared';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import pino from 'pino';
import { NOTICE_VERSIONS } from '../demo/demo-setting';
import { seedDemoData } from '../demo/seed';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { JOB_TASKS } from '../jobs/tasks';
import { codeOf, consent, fieldOf, pdfText, TestServer } from '../test/harness';
import { renderHtml } from './report-html';
import type { ReportDocument } from './report-document';

let server: TestServer;
let runner: JobRunner;
let analyst: string;
let coordinator: string;
let councilKey: string;
let partnerKey: string;
let areaId: string;
const THRESHOLD = 5;
/** Where the install is reached: the report's HTML links here. */
const PUBLIC_URL = 'https://chorus.example';

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD, publicUrl: PUBLIC_URL });
  await seedDemoData(server.systemContext(), server.services, pino({ level: 'silent' }));
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
  analyst = (await server.userWithRole(Role.ANALYST)).token;
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  councilKey = await server.apiKey(Role.COUNCIL_READER);
  partnerKey = await server.apiKey(Role.PARTNER, await server.createOrganisation());
  areaId = await server.createArea();
}, 120_000);
afterAll(async () => {
  await runner.stop();
  await server.stop();
});

const REPORT = `query($v: Int) { boardReport(version: $v) {
  version status progress stage releaseVersion figureCount quoteCount quotesLeftOut withdrawnQuotes
  containsWithdrawnQuote publishedAt htmlPath pdfPath narrative { section markdown }
} }`;
const BUILD = `mutation($r: Int) { buildReport(releaseVersion: $r) { version status progress } }`;
const NARRATE = `mutation($s: ReportSection!, $m: String!) { setReportNarrative(section: $s, markdown: $m) { section markdown } }`;
const PUBLISH = `mutation($v: Int!) { publishReport(version: $v) { version publishedAt } }`;
const CELLS = `query($v: Int, $name: String!, $after: String) { release(version: $v) { table(name: $name) {
  cells(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { value suppressed } } }
} } }`;

/** A participant who agreed to be quoted, one response, and a quote of it taken through to APPROVED. */
async function approvedQuote(text: string, publishedText: string) {
  const participantId = await server.registerParticipant(coordinator, {
    areaId,
    ageBand: 'AGE_25_34',
    connections: ['LIVES'],
    // The demo engagement lists its own notice versions: a consent names one of them.
    consents: ['PARTICIPATION', 'QUOTE'].map((purpose) => ({ ...consent(purpose), noticeVersion: NOTICE_VERSIONS[1] })),
  });
  const sessionId = await server.createSession(coordinator);
  const submitted = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text }], coordinator);
  const responseId = submitted.data!.submitResponses.responses[0].id as string;
  const { markQuote } = await server.ok(
    `mutation($i: MarkQuoteInput!) { markQuote(input: $i) { id } }`,
    { i: { responseId, start: 0, end: text.length } },
    analyst,
  );
  await server.ok(`mutation($id: ID!) { checkQuoteConsent(id: $id) { id } }`, { id: markQuote.id }, coordinator);
  await server.ok(
    `mutation($i: DeidentifyQuoteInput!) { deidentifyQuote(input: $i) { id } }`,
    { i: { id: markQuote.id, publishedText, describeBy: [] } },
    analyst,
  );
  await server.ok(
    `mutation($id: ID!) { approveQuote(id: $id, acceptDescriptionRisk: true) { id } }`,
    { id: markQuote.id },
    coordinator,
  );
  return { participantId, quoteId: markQuote.id as string };
}

type Node = DefaultTreeAdapterMap['node'];

/** Every element of a parsed page, depth first. */
function* elements(node: Node): Generator<DefaultTreeAdapterMap['element']> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if ('content' in node) yield* elements(node.content);
}

/** What a page loads or links to, by parsing it: every href, src, srcset, data and poster, and url() in its style. */
function references(html: string): string[] {
  const found: string[] = [];
  for (const element of elements(parse(html))) {
    for (const attr of element.attrs) {
      if (['href', 'src', 'srcset', 'data', 'poster', 'action', 'xlink:href'].includes(attr.name))
        found.push(attr.value);
      if (attr.name === 'style') found.push(...[...attr.value.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!));
    }
    if (element.tagName === 'style') {
      const css = element.childNodes.map((n) => ('value' in n ? n.value : '')).join('');
      found.push(...[...css.matchAll(/url\(([^)]*)\)|@import\s+([^;]+)/g)].map((m) => m[1] ?? m[2]!));
    }
  }
  return found;
}

/** Waits on the build as the admin app does: by reading its progress until it is no longer BUILDING. */
async function built(version: number) {
  const seen = new Set<number>();
  for (let tries = 0; tries < 1200; tries++) {
    const { boardReport } = await server.ok(REPORT, { v: version }, analyst);
    seen.add(boardReport.progress);
    if (boardReport.status !== 'BUILDING') return { report: boardReport, seen };
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('the report was not built');
}

function download(path: string, token: string) {
  return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function releaseCells(version: number, name: string) {
  const cells: { value: number | null; suppressed: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await server.ok(CELLS, { v: version, name, after }, councilKey);
    const page = data.release.table.cells;
    cells.push(...page.edges.map((e: { node: (typeof cells)[number] }) => e.node));
    if (!page.pageInfo.hasNextPage) return cells;
    after = page.pageInfo.endCursor;
  }
}

describe('the board report', () => {
  let release: number;
  let kept: { participantId: string; quoteId: string };
  let withdrawn: { participantId: string; quoteId: string };
  let first: any;
  const POLISH = 'Zażółć gęślą jaźń, mówi sąsiadka z Łodzi.';
  // Urdu, right to left, with a number in it: "I have lived in this neighbourhood for
  // 25 years, and people help one another."
  const URDU = 'میں 25 سال سے اس محلے میں رہتی ہوں، اور لوگ ایک دوسرے کی مدد کرتے ہیں۔';
  // The demo data holds quotes of its own: approved ones, and one withdrawn.
  let demoApproved: number;

  beforeAll(async () => {
    demoApproved = await server.count('quotes', `status = 'APPROVED'`);
    kept = await approvedQuote('The library is the heart of our street.', 'The library is the heart of our street.');
    await approvedQuote(POLISH, POLISH);
    await approvedQuote(URDU, URDU);
    withdrawn = await approvedQuote(
      'My neighbours looked after me all winter.',
      'My neighbours looked after me [all] winter.',
    );
    release = (await server.ok(`mutation { publishRelease { version } }`, {}, coordinator)).publishRelease.version;
    await server.ok(
      NARRATE,
      { s: 'VALUES', m: '**Libraries** matter.\n\n<script>alert(1)</script>\n\n[open](javascript:alert(1))' },
      analyst,
    );
    const { buildReport } = await server.ok(BUILD, {}, analyst);
    expect(buildReport).toMatchObject({ status: 'BUILDING' });
    const done = await built(buildReport.version);
    first = done.report;
    expect(done.seen.has(100)).toBe(true);
  }, 300_000);

  it('is built by a job from the latest release, with the narrative and the new quotes', () => {
    expect(first).toMatchObject({
      status: 'READY',
      progress: 100,
      releaseVersion: release,
      quoteCount: demoApproved + 4,
      containsWithdrawnQuote: false,
    });
    expect(first.narrative.find((n: { section: string }) => n.section === 'VALUES').markdown).toContain('Libraries');
    expect(first.figureCount).toBeGreaterThan(20);
  });

  it('prints in the PDF exactly the release cells it names, every one of them', async () => {
    const response = await download(first.pdfPath, analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = await pdfText(pdf);
    const traced = [...text.matchAll(/([\d,]+|withheld)\s*\[([a-z-]+)\s*#(\d+)\]/g)];
    expect(traced).toHaveLength(first.figureCount);
    const tables = new Map<string, { value: number | null; suppressed: boolean }[]>();
    for (const [, printed, table, cell] of traced) {
      if (!tables.has(table!)) tables.set(table!, await releaseCells(release, table!));
      const released = tables.get(table!)![Number(cell)]!;
      expect(printed).toBe(released.suppressed ? 'withheld' : released.value!.toLocaleString('en-GB'));
    }
    expect(text).toContain('The library is the heart of our street.');
    expect(text).toContain(`quote register entry ${kept.quoteId}`);
    // Polish letters read back as written: the PDF embeds a font that has them.
    expect(text).toContain(POLISH);
    // Urdu reads back letter for letter and word for word in the order written (ordered by the
    // bidirectional algorithm, in a font with Urdu's letters). PDF.js infers no space between
    // words set right to left, so the comparison leaves spaces out.
    const words = (s: string) => s.replace(/\s+/g, '');
    expect(words(text)).toContain(words(`“${URDU}”`));
    // Only the glyphs used are embedded: the regular face alone is 757 KB whole.
    expect(pdf.length).toBeLessThan(150_000);
    expect(text).toContain('Agreement between coders: not measured');
  }, 60_000);

  it('says in its methods how the sessions were held, whom they reached and how coding was done', async () => {
    const text = (await pdfText(Buffer.from(await (await download(first.pdfPath, analyst)).arrayBuffer()))).replace(
      /\s+/g,
      ' ',
    );
    // The release's own figures: its total of sessions held, and of responses coded and heard.
    const total = async (table: string) => (await releaseCells(release, table)).at(-1)!.value!;
    const held = await total('sessions-by-area-and-format');
    const coded = await total('coded-responses-by-area-and-prompt');
    const responses = await total('responses-by-area-and-prompt');
    const themes = await server.count('themes');
    expect(held).toBeGreaterThan(0);
    expect(text).toContain(`How we heard people: ${held.toLocaleString('en-GB')} sessions were held`);
    expect(text).toContain('Sessions held, by area and format');
    // Formats read as words, in the tables and the charts alike, never as their codes.
    expect(text).toContain('Workshop');
    expect(text).not.toMatch(/\b(WORKSHOP|CONVERSATION|INTERVIEW|QUESTIONNAIRE|FOCUS_GROUP)\b/);
    expect(text).toMatch(/People reached: the census population of the \d+ areas with one recorded is [\d,]+/);
    expect(text).toContain(`a shared codebook of ${themes} themes`);
    expect(text).toContain(`${Math.floor((coded * 100) / responses)}% of the responses heard when the release was cut`);
    expect(text).toContain(`No figure below ${THRESHOLD} is printed`);
    expect(text).toContain('Method: cell-key perturbation');
  });

  it('serves HTML with a table beside each chart, the narrative sanitised, and links to its sources', async () => {
    const response = await download(first.htmlPath, analyst);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<strong>Libraries</strong>');
    expect(html).toContain(`<blockquote dir="auto">${URDU}</blockquote>`);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/i);
    expect((html.match(/<svg /g) ?? []).length).toBe((html.match(/: the numbers<\/caption>/g) ?? []).length);
    expect(html).toContain(`href="${PUBLIC_URL}/exports/releases/${release}/themes-by-prompt.csv"`);
    expect(html).toContain(`href="${PUBLIC_URL}/quotes/${withdrawn.quoteId}"`);
  });

  it('downloads as one self-contained page that opens offline: no relative link, nothing loaded from elsewhere', async () => {
    const html = await (await download(first.htmlPath, analyst)).text();
    const found = references(html);
    expect(found.length).toBeGreaterThan(first.figureCount);
    // Every reference is an absolute link to the install (a click, never a load); none is relative.
    for (const reference of found) expect(reference.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    const tags = [...elements(parse(html))].map((e) => e.tagName);
    for (const loads of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'base'])
      expect(tags).not.toContain(loads);
    // Without the install's address configured, it names its sources and links nothing.
    const [{ document }] = await server.dataSource.query(`SELECT document FROM board_reports WHERE version = $1`, [
      first.version,
    ]);
    const unlinked = renderHtml(document as ReportDocument, [], null, null);
    expect(references(unlinked)).toEqual([]);
    expect(unlinked).toContain(`themes-by-prompt #`);
  });

  it("records each quote's use in the register's where used", async () => {
    const { quote } = await server.ok(
      `query($id: ID!) { quote(id: $id) { uses(first: 10) { edges { node { kind reportVersion } } } } }`,
      { id: kept.quoteId },
      analyst,
    );
    expect(quote.uses.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      kind: 'REPORT',
      reportVersion: first.version,
    });
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const long = await server.gql(NARRATE, { s: 'OVERVIEW', m: 'x'.repeat(20_001) }, analyst);
    expect([codeOf(long), fieldOf(long)]).toEqual(['BAD_USER_INPUT', 'markdown']);
    const none = await server.gql(BUILD, { r: 999 }, analyst);
    expect([codeOf(none), fieldOf(none)]).toEqual(['NOT_FOUND', 'releaseVersion']);
    const version = await server.gql(REPORT, { v: 999 }, analyst);
    expect([codeOf(version), fieldOf(version)]).toEqual(['NOT_FOUND', 'version']);
    expect(await server.count('board_reports')).toBe(1);
    expect(await server.count('report_narratives', `section = 'OVERVIEW'`)).toBe(0);
  });

  it('is read by a council key only once a coordinator publishes it; never by a partner', async () => {
    expect((await server.ok(`{ boardReports { totalCount } }`, {}, councilKey)).boardReports.totalCount).toBe(0);
    expect((await download(first.pdfPath, councilKey)).status).toBe(404);
    expect(codeOf(await server.gql(PUBLISH, { v: first.version }, analyst))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(BUILD, {}, councilKey))).toBe('FORBIDDEN');
    await server.ok(PUBLISH, { v: first.version }, coordinator);
    expect((await server.ok(REPORT, {}, councilKey)).boardReport.version).toBe(first.version);
    const pdf = await download(first.pdfPath, councilKey);
    expect(pdf.status).toBe(200);
    expect(codeOf(await server.gql(`{ boardReports { totalCount } }`, {}, partnerKey))).toBe('FORBIDDEN');
    expect((await download(first.htmlPath, partnerKey)).status).toBe(403);
  });

  describe('after a QUOTE withdrawal', () => {
    let second: any;

    beforeAll(async () => {
      await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: QUOTE) { granted } }`, {
        p: withdrawn.participantId,
      });
      const { buildReport } = await server.ok(BUILD, { r: release }, analyst);
      second = (await built(buildReport.version)).report;
    }, 120_000);

    it('marks the earlier version as containing a withdrawn quote, and its files leave it out', async () => {
      const { boardReport } = await server.ok(REPORT, { v: first.version }, analyst);
      expect(boardReport).toMatchObject({ withdrawnQuotes: 1, containsWithdrawnQuote: true });
      const html = await (await download(first.htmlPath, analyst)).text();
      expect(html).not.toContain('looked after me');
      expect(html).toContain('have since been withdrawn');
      expect(html).toContain('The library is the heart of our street.');
      const pdf = await download(first.pdfPath, analyst);
      expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).not.toContain('looked after me');
    }, 60_000);

    it('leaves the quote out of a later build, and the build says so', async () => {
      expect(second).toMatchObject({
        status: 'READY',
        quoteCount: first.quoteCount - 1,
        quotesLeftOut: first.quotesLeftOut + 1,
        containsWithdrawnQuote: false,
      });
      expect(second.stage).toContain(`${second.quotesLeftOut} approved quote(s) left out`);
      const html = await (await download(second.htmlPath, analyst)).text();
      expect(html).not.toContain('looked after me');
      expect(html).toContain('left out because consent to be quoted had been withdrawn');
      expect(html).toContain(withdrawn.quoteId);
    });
  });

  describe('with a double-coded sample', () => {
    let measured: any;
    let agreement: { method: string; value: number; items: number; disagreements: number; settled: number };

    beforeAll(async () => {
      const coder = await server.userWithRole(Role.ANALYST);
      const { themes } = await server.ok(`{ themes { id } }`, {}, analyst);
      await server.ok(
        `mutation($i: DrawAgreementSampleInput!) { drawAgreementSample(input: $i) { id } }`,
        { i: { percentage: 3, seed: 7, coderIds: [coder.id] } },
        coordinator,
      );
      const { myAgreementAssignments } = await server.ok(
        `{ myAgreementAssignments(first: 100) { edges { node { id } } } }`,
        {},
        coder.token,
      );
      // The blind coder gives the first theme to every other response: some agreement, some not.
      for (const [i, { node }] of myAgreementAssignments.edges.entries()) {
        await server.ok(
          `mutation($a: ID!, $t: [ID!]!) { submitBlindCoding(assignmentId: $a, themeIds: $t) { id } }`,
          { a: node.id, t: i % 2 ? [] : [themes[0].id] },
          coder.token,
        );
      }
      agreement = (await server.ok(`{ agreement { method value items disagreements settled } }`, {}, coordinator))
        .agreement;
      // Built by an analyst, who may not read agreement on its own screens.
      expect(codeOf(await server.gql(`{ agreement { value } }`, {}, analyst))).toBe('FORBIDDEN');
      const { buildReport } = await server.ok(BUILD, {}, analyst);
      measured = (await built(buildReport.version)).report;
    }, 120_000);

    it('prints the agreement the agreement service reports, in the PDF and the HTML', async () => {
      expect(measured.status).toBe('READY');
      expect(agreement).toMatchObject({ method: 'COHEN_KAPPA' });
      expect(agreement.items).toBeGreaterThan(1);
      const overall = `Cohen's kappa was ${agreement.value.toFixed(2)} overall`;
      const counts = `a sample of ${agreement.items} coded responses was coded again, blind, so that 2 coders coded each one`;
      const settled = `disagreed on ${agreement.disagreements} of the ${agreement.items} responses and have settled 0`;
      const pdf = await pdfText(Buffer.from(await (await download(measured.pdfPath, analyst)).arrayBuffer()));
      const html = await (await download(measured.htmlPath, analyst)).text();
      for (const text of [pdf.replace(/\s+/g, ' '), html.replace(/&#39;/g, "'")]) {
        expect(text).toContain(overall);
        expect(text).toContain(counts);
        expect(text).toContain(settled);
        expect(text).toContain('Agreement between coders, per theme');
        expect(text).not.toContain('not measured');
      }
    });
  });
  describe('its methods', () => {
    const methods = (text: string) => {
      const flat = text.replace(/\s+/g, ' ');
      return [
        /How we heard people: [^(]*/.exec(flat)?.[0],
        /\d+% of the responses heard when the release was cut/.exec(flat)?.[0],
      ];
    };

    it('print the sessions held and the share coded as the release has them, whatever changed since', async () => {
      const before = methods(await pdfText(Buffer.from(await (await download(first.pdfPath, analyst)).arrayBuffer())));
      expect(before.every(Boolean)).toBe(true);
      // After the release: more sessions held in June, more responses coded.
      for (let i = 0; i < 6; i++) {
        const id = await server.createSession(coordinator);
        await server.ok(
          `mutation($id: ID!) { updateSession(id: $id, input: { status: HELD }) { id } }`,
          { id },
          coordinator,
        );
      }
      const { themes } = await server.ok(`{ themes { id } }`, {}, analyst);
      const uncoded: { id: string }[] = await server.dataSource.query(
        `SELECT id FROM responses r WHERE NOT EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id) LIMIT 40`,
      );
      expect(uncoded.length).toBeGreaterThan(0);
      for (const { id } of uncoded) {
        await server.ok(
          `mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`,
          { i: { responseId: id, themeId: themes[0].id } },
          analyst,
        );
      }
      const { buildReport } = await server.ok(BUILD, { r: release }, analyst);
      const rebuilt = (await built(buildReport.version)).report;
      const after = methods(await pdfText(Buffer.from(await (await download(rebuilt.pdfPath, analyst)).arrayBuffer())));
      expect(after).toEqual(before);
    }, 120_000);
  });
});
