import { Role } from '@chorus/shared';
import { consent, TestServer, type GraphQLResult } from '../test/harness';

let server: TestServer;
let coordinator: string;
let analyst: string;
let facilitator: { id: string; token: string };
let partnerKey: string;
let councilKey: string;
let areaId: string;
let areaName: string;
const THRESHOLD = 3;

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  analyst = (await server.userWithRole(Role.ANALYST)).token;
  facilitator = await server.userWithRole(Role.FACILITATOR);
  partnerKey = await server.apiKey(Role.PARTNER, await server.createOrganisation());
  councilKey = await server.apiKey(Role.COUNCIL_READER);
  areaId = await server.createArea();
  [{ name: areaName }] = await server.dataSource.query(`SELECT name FROM areas WHERE id = $1`, [areaId]);
}, 60_000);
afterAll(() => server.stop());

const TEXT = 'I love the market on Saturdays, my nan took me there every week and it still feels like home.';
const FIELDS = `id status excerpt startOffset endOffset publishedText description attribution attributedName describedBy`;

const MARK = `mutation($i: MarkQuoteInput!) { markQuote(input: $i) { ${FIELDS} } }`;
const CHECK = `mutation($id: ID!, $g: Boolean) { checkQuoteConsent(id: $id, groupAgreed: $g) { ${FIELDS} } }`;
const DEIDENTIFY = `mutation($i: DeidentifyQuoteInput!) { deidentifyQuote(input: $i) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $a: Boolean) { approveQuote(id: $id, acceptDescriptionRisk: $a) { ${FIELDS} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectQuote(id: $id, reason: $r) { ${FIELDS} } }`;
const DETAIL = `query($id: ID!) { quote(id: $id) {
  ${FIELDS}
  consent { groupNotes quote named }
  descriptionCheck { threshold matching belowThreshold }
  transitions { fromStatus toStatus reason by { displayName } }
  uses(first: 10) { totalCount edges { node { kind releaseVersion format } } }
} }`;

async function person(consents: string[], input: Record<string, unknown> = {}, text = TEXT) {
  const participantId = await server.registerParticipant(coordinator, {
    areaId,
    ageBand: 'AGE_16_24',
    connections: ['LIVES'],
    consents: ['PARTICIPATION', ...consents].map((purpose) => consent(purpose)),
    ...input,
  });
  const sessionId = await server.createSession(coordinator);
  const submitted = await server.submit(sessionId, [{ participantId, prompt: 'BELONGING', text }], coordinator);
  return { participantId, responseId: submitted.data!.submitResponses.responses[0].id as string };
}

async function mark(responseId: string, start = 0, end = 29) {
  return (await server.ok(MARK, { i: { responseId, start, end } }, analyst)).markQuote;
}

/** A quote taken to DEIDENTIFIED with a description no one else shares unless `describeBy` says otherwise. */
async function prepared(responseId: string, extra: Record<string, unknown> = {}, end = 29) {
  const quote = await mark(responseId, 0, end);
  await server.ok(CHECK, { id: quote.id }, coordinator);
  return (
    await server.ok(
      DEIDENTIFY,
      { i: { id: quote.id, publishedText: 'I love the market [in the town]', ...extra } },
      analyst,
    )
  ).deidentifyQuote;
}

async function approved(responseId: string, extra: Record<string, unknown> = {}) {
  const quote = await prepared(responseId, { describeBy: [], ...extra });
  return (await server.ok(APPROVE, { id: quote.id }, coordinator)).approveQuote;
}

function refused(result: GraphQLResult, code: string, field?: string) {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
  expect(result.data?.[Object.keys(result.data ?? {})[0]!] ?? null).toBeNull();
}

describe('marking a candidate', () => {
  it('takes the passage between the offsets, as a CANDIDATE marked by the analyst', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await mark(responseId, 0, 29);
    expect(quote).toMatchObject({ status: 'CANDIDATE', excerpt: TEXT.slice(0, 29), startOffset: 0, endOffset: 29 });
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.transitions).toEqual([
      { fromStatus: null, toStatus: 'CANDIDATE', reason: null, by: { displayName: expect.stringMatching(/^User/) } },
    ]);
    const { response } = await server.ok(
      `query($id: ID!) { response(id: $id) { quotes { id status } } }`,
      { id: responseId },
      analyst,
    );
    expect(response.quotes).toEqual([{ id: quote.id, status: 'CANDIDATE' }]);
  });

  it('refuses offsets outside the text, an empty passage, an unknown response, and roles without quote.edit', async () => {
    const { responseId } = await person(['QUOTE']);
    const before = await server.count('quotes');
    const attempt = (i: Record<string, unknown>, token = analyst) => server.gql(MARK, { i }, token);
    refused(await attempt({ responseId, start: -1, end: 5 }), 'BAD_USER_INPUT', 'start');
    refused(await attempt({ responseId, start: 0, end: TEXT.length + 1 }), 'BAD_USER_INPUT', 'end');
    refused(await attempt({ responseId, start: 10, end: 10 }), 'BAD_USER_INPUT', 'end');
    refused(await attempt({ responseId, start: 6, end: 7 }), 'BAD_USER_INPUT', 'start');
    refused(await attempt({ responseId: 'nope', start: 0, end: 5 }), 'BAD_USER_INPUT', 'responseId');
    refused(
      await attempt({ responseId: '00000000-0000-4000-8000-000000000000', start: 0, end: 5 }),
      'NOT_FOUND',
      'responseId',
    );
    refused(await attempt({ responseId, start: 0, end: 5 }, partnerKey), 'FORBIDDEN');
    refused(await attempt({ responseId, start: 0, end: 5 }, councilKey), 'FORBIDDEN');
    refused(await attempt({ responseId, start: 0, end: 5 }, facilitator.token), 'FORBIDDEN');
    expect(await server.count('quotes')).toBe(before);
  });
});

describe('the consent check', () => {
  it("passes while the participant's QUOTE consent stands, and refuses with CONSENT_REQUIRED otherwise", async () => {
    const willing = await person(['QUOTE']);
    const quote = await mark(willing.responseId);
    expect((await server.ok(CHECK, { id: quote.id }, coordinator)).checkQuoteConsent.status).toBe('CONSENT_CHECKED');

    const unwilling = await person([]);
    const other = await mark(unwilling.responseId);
    refused(await server.gql(CHECK, { id: other.id }, coordinator), 'CONSENT_REQUIRED', 'id');
    refused(await server.gql(CHECK, { id: other.id }, analyst), 'FORBIDDEN');
    const { quote: still } = await server.ok(DETAIL, { id: other.id }, coordinator);
    expect(still).toMatchObject({ status: 'CANDIDATE', consent: { groupNotes: false, quote: false, named: false } });
  });

  it("for group notes, is the session facilitator's confirmation that the group agreed", async () => {
    const sessionId = await server.createSession(coordinator, { facilitatorIds: [facilitator.id] });
    const submitted = await server.submit(sessionId, [{ prompt: 'VALUES', text: TEXT }], coordinator);
    const quote = await mark(submitted.data!.submitResponses.responses[0].id);
    refused(await server.gql(CHECK, { id: quote.id, g: true }, coordinator), 'FORBIDDEN');
    refused(await server.gql(CHECK, { id: quote.id }, facilitator.token), 'BAD_USER_INPUT', 'groupAgreed');
    const { checkQuoteConsent } = await server.ok(CHECK, { id: quote.id, g: true }, facilitator.token);
    expect(checkQuoteConsent.status).toBe('CONSENT_CHECKED');
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.consent).toEqual({ groupNotes: true, quote: true, named: false });
    expect(detail.transitions.at(-1).reason).toMatch(/facilitator confirmed/);
    const { deidentifyQuote } = await server.ok(
      DEIDENTIFY,
      { i: { id: quote.id, publishedText: 'I love the market' } },
      analyst,
    );
    expect(deidentifyQuote.description).toBe('someone at a workshop');
  });

  it('is taken once, from CANDIDATE: a second check names the quote', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await mark(responseId);
    await server.ok(CHECK, { id: quote.id }, coordinator);
    refused(await server.gql(CHECK, { id: quote.id }, coordinator), 'BAD_USER_INPUT', 'id');
  });
});

describe('de-identification', () => {
  it('publishes an edited copy attributed by a description of age band, connection and area', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await prepared(
      responseId,
      {
        publishedText:
          'I love the market on Saturdays, my [grandmother] took me there […] and it still feels like home.',
      },
      TEXT.length,
    );
    expect(quote).toMatchObject({
      status: 'DEIDENTIFIED',
      description: `a young person who lives in ${areaName}`,
      attribution: `a young person who lives in ${areaName}`,
      attributedName: null,
      describedBy: ['AGE_BAND', 'CONNECTION', 'AREA'],
    });
    const { deidentifyQuote: again } = await server.ok(
      DEIDENTIFY,
      { i: { id: quote.id, publishedText: 'I love the market', describeBy: ['AGE_BAND', 'AREA'] } },
      analyst,
    );
    expect(again).toMatchObject({ description: `a young person from ${areaName}`, describedBy: ['AGE_BAND', 'AREA'] });
  });

  it('refuses words the speaker did not say outside [brackets], naming publishedText, and changes nothing', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await prepared(responseId);
    for (const publishedText of [
      'I hate the market',
      'the market I love',
      '[Everything] [is] [fine]',
      'I love [the',
      '  ',
    ]) {
      refused(
        await server.gql(DEIDENTIFY, { i: { id: quote.id, publishedText } }, analyst),
        'BAD_USER_INPUT',
        'publishedText',
      );
    }
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.publishedText).toBe('I love the market [in the town]');
  });

  it('names the person only while ATTRIBUTION ("be named") consent stands', async () => {
    const unnamed = await person(['QUOTE']);
    const quote = await mark(unnamed.responseId);
    await server.ok(CHECK, { id: quote.id }, coordinator);
    const named = { id: quote.id, publishedText: 'I love the market', attributedName: 'Ayesha' };
    refused(await server.gql(DEIDENTIFY, { i: named }, analyst), 'CONSENT_REQUIRED', 'attributedName');

    const willing = await person(['QUOTE', 'ATTRIBUTION']);
    const other = await mark(willing.responseId);
    await server.ok(CHECK, { id: other.id }, coordinator);
    const { deidentifyQuote } = await server.ok(DEIDENTIFY, { i: { ...named, id: other.id } }, analyst);
    expect(deidentifyQuote).toMatchObject({ attributedName: 'Ayesha', attribution: 'Ayesha' });
  });

  it('is refused before the consent check, naming the quote', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await mark(responseId);
    refused(
      await server.gql(DEIDENTIFY, { i: { id: quote.id, publishedText: 'I love the market' } }, analyst),
      'BAD_USER_INPUT',
      'id',
    );
  });
});

describe('the motivated-intruder check and approval', () => {
  it('warns when fewer than the threshold share the description, and approval needs the risk accepted', async () => {
    const { responseId } = await person(['QUOTE'], { ageBand: 'AGE_75_PLUS', connections: ['STUDIES'] });
    const quote = await prepared(responseId);
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.description).toBe(`a person aged 75 or over who studies in ${areaName}`);
    expect(detail.descriptionCheck).toEqual({ threshold: THRESHOLD, matching: 1, belowThreshold: true });

    refused(await server.gql(APPROVE, { id: quote.id }, coordinator), 'BAD_USER_INPUT', 'acceptDescriptionRisk');
    refused(await server.gql(APPROVE, { id: quote.id, a: true }, analyst), 'FORBIDDEN');
    const { approveQuote } = await server.ok(APPROVE, { id: quote.id, a: true }, coordinator);
    expect(approveQuote.status).toBe('APPROVED');
    const { quote: after } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(after.transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual([
      'CANDIDATE',
      'CONSENT_CHECKED',
      'DEIDENTIFIED',
      'APPROVED',
    ]);
    expect(after.transitions.at(-1).reason).toMatch(/accepting a description/);
  });

  it('counts only up to the threshold, and approves a description many share without a warning', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await prepared(responseId, { describeBy: ['CONNECTION'] });
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.description).toBe('someone who lives in the city');
    expect(detail.descriptionCheck).toEqual({ threshold: THRESHOLD, matching: THRESHOLD, belowThreshold: false });
    expect((await server.ok(APPROVE, { id: quote.id }, coordinator)).approveQuote.status).toBe('APPROVED');
  });

  it('is refused once QUOTE consent no longer stands', async () => {
    const { responseId, participantId } = await person(['QUOTE']);
    const quote = await prepared(responseId, { describeBy: [] });
    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: QUOTE) { granted } }`, {
      p: participantId,
    });
    refused(await server.gql(APPROVE, { id: quote.id }, coordinator), 'BAD_USER_INPUT', 'id');
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail).toMatchObject({ status: 'WITHDRAWN', consent: { quote: false } });
  });

  it('rejects with a reason, which is required', async () => {
    const { responseId } = await person(['QUOTE']);
    const quote = await mark(responseId);
    refused(await server.gql(REJECT, { id: quote.id, r: '   ' }, coordinator), 'BAD_USER_INPUT', 'reason');
    const { rejectQuote } = await server.ok(REJECT, { id: quote.id, r: 'Too close to another quote' }, coordinator);
    expect(rejectQuote.status).toBe('REJECTED');
    const { quote: detail } = await server.ok(DETAIL, { id: quote.id }, coordinator);
    expect(detail.transitions.at(-1)).toMatchObject({ toStatus: 'REJECTED', reason: 'Too close to another quote' });
    refused(await server.gql(APPROVE, { id: quote.id }, coordinator), 'BAD_USER_INPUT', 'id');
  });
});

describe('the register', () => {
  it('lists by status, newest first, a page at a time', async () => {
    const LIST = `query($s: QuoteStatus, $after: String) { quotes(status: $s, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`;
    const { quotes: page1 } = await server.ok(LIST, { s: 'APPROVED' }, analyst);
    expect(page1.totalCount).toBeGreaterThanOrEqual(2);
    expect(page1.edges).toHaveLength(1);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const { quotes: page2 } = await server.ok(LIST, { s: 'APPROVED', after: page1.pageInfo.endCursor }, analyst);
    expect(page2.edges[0].node.id).not.toBe(page1.edges[0].node.id);
    expect(
      [...page1.edges, ...page2.edges].every((e: { node: { status: string } }) => e.node.status === 'APPROVED'),
    ).toBe(true);
  });

  it("is closed to partners and council keys, and a facilitator sees only their sessions' quotes", async () => {
    refused(await server.gql(`{ quotes { totalCount } }`, {}, partnerKey), 'FORBIDDEN');
    refused(await server.gql(`{ quotes { totalCount } }`, {}, councilKey), 'FORBIDDEN');
    const all = (await server.ok(`{ quotes { totalCount } }`, {}, coordinator)).quotes.totalCount;
    const theirs = (await server.ok(`{ quotes { totalCount } }`, {}, facilitator.token)).quotes.totalCount;
    expect(theirs).toBe(1);
    expect(all).toBeGreaterThan(theirs);
  });
});

describe('consent effects on every output', () => {
  const PUBLISH = `mutation { publishRelease { version status } }`;
  const RELEASE = `query($v: Int) { release(version: $v) { version removedQuoteCount
    quotes(first: 100) { totalCount edges { node { id attribution publishedText } } } } }`;
  const withdraw = (p: string, purpose: string) =>
    server.ok(
      `mutation($p: ID!, $u: ConsentPurpose!) { withdrawConsent(participantId: $p, purpose: $u) { granted } }`,
      {
        p,
        u: purpose,
      },
    );
  const exported = async (version: number, format = 'csv', token = coordinator) =>
    fetch(`${server.url}/exports/releases/${version}/quotes.${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const released = async (version: number) => (await server.ok(RELEASE, { v: version }, coordinator)).release;

  let named: Awaited<ReturnType<typeof person>>;
  let plain: Awaited<ReturnType<typeof person>>;
  let erased: Awaited<ReturnType<typeof person>>;
  let namedQuote: string;
  let plainQuote: string;
  let first: number;

  beforeAll(async () => {
    // Only these three are approved from here on: earlier tests' approved quotes are rejected first.
    await server.dataSource.query(`UPDATE quotes SET status = 'REJECTED' WHERE status = 'APPROVED'`);
    named = await person(['QUOTE', 'ATTRIBUTION']);
    plain = await person(['QUOTE']);
    erased = await person(['QUOTE']);
    namedQuote = (await approved(named.responseId, { attributedName: 'Ayesha' })).id;
    plainQuote = (await approved(plain.responseId)).id;
    await approved(erased.responseId);
    first = (await server.ok(PUBLISH, {}, coordinator)).publishRelease.version;
  }, 60_000);

  it('a release lists the approved quotes, its export sends them, and each use is recorded', async () => {
    const release = await released(first);
    expect(release.quotes.totalCount).toBe(3);
    expect(release.removedQuoteCount).toBe(0);
    const csv = await exported(first);
    expect(csv.status).toBe(200);
    const body = await csv.text();
    expect(body.split('\r\n')[0]).toBe('release,position,quote,text,attribution,prompt');
    expect(body).toContain(`${namedQuote},I love the market [in the town],Ayesha,BELONGING`);
    const json = (await (await exported(first, 'json')).json()) as { quotes: unknown[] };
    expect(json.quotes).toHaveLength(3);
    const { quote } = await server.ok(DETAIL, { id: plainQuote }, coordinator);
    expect(quote.uses.totalCount).toBe(3);
    expect(quote.uses.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { kind: 'RELEASE', releaseVersion: first, format: null },
      { kind: 'EXPORT', releaseVersion: first, format: 'csv' },
      { kind: 'EXPORT', releaseVersion: first, format: 'json' },
    ]);
    const USES = `query($id: ID!, $after: String) { quote(id: $id) { uses(first: 2, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { format } } } } }`;
    const { quote: page1 } = await server.ok(USES, { id: plainQuote }, coordinator);
    expect(page1.uses.pageInfo.hasNextPage).toBe(true);
    const { quote: page2 } = await server.ok(
      USES,
      { id: plainQuote, after: page1.uses.pageInfo.endCursor },
      coordinator,
    );
    expect(page2.uses).toEqual({
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: [{ node: { format: 'json' } }],
    });
  });

  it("council keys and partners never read the quotes export or a release's quotes", async () => {
    expect((await exported(first, 'csv', councilKey)).status).toBe(403);
    expect((await exported(first, 'csv', partnerKey)).status).toBe(403);
    refused(await server.gql(RELEASE, { v: first }, councilKey), 'FORBIDDEN');
    expect(await server.count('quote_uses', `by_api_key_id IS NOT NULL`)).toBe(0);
  });

  it('ATTRIBUTION withdrawn: the named quote goes back to its description everywhere', async () => {
    await withdraw(named.participantId, 'ATTRIBUTION');
    const { quote } = await server.ok(DETAIL, { id: namedQuote }, coordinator);
    expect(quote).toMatchObject({ status: 'APPROVED', attributedName: null, attribution: 'someone' });
    const release = await released(first);
    expect(release.quotes.edges.map((e: { node: { attribution: string } }) => e.node.attribution)).not.toContain(
      'Ayesha',
    );
    expect(await (await exported(first)).text()).not.toContain('Ayesha');
  });

  it('QUOTE withdrawn: the quote is WITHDRAWN, leaves every release and export, and the release says so', async () => {
    await withdraw(plain.participantId, 'QUOTE');
    const { quote } = await server.ok(DETAIL, { id: plainQuote }, coordinator);
    expect(quote.status).toBe('WITHDRAWN');
    const release = await released(first);
    expect(release.removedQuoteCount).toBe(1);
    expect(release.quotes.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(plainQuote);
    expect(await (await exported(first)).text()).not.toContain(plainQuote);
    const later = (await server.ok(PUBLISH, {}, coordinator)).publishRelease.version;
    const next = await released(later);
    expect(next.quotes.totalCount).toBe(2);
    expect(next.removedQuoteCount).toBe(0);
    expect(await (await exported(later, 'json')).text()).not.toContain(plainQuote);
  });

  it('PARTICIPATION withdrawn: the quote is deleted, with its steps and uses', async () => {
    await withdraw(named.participantId, 'PARTICIPATION');
    expect(await server.count('quotes', 'id = $1', [namedQuote])).toBe(0);
    expect(await server.count('quote_transitions', 'quote_id = $1', [namedQuote])).toBe(0);
    expect(await server.count('quote_uses', 'quote_id = $1', [namedQuote])).toBe(0);
    const release = await released(first);
    expect(release.removedQuoteCount).toBe(2);
    expect(release.quotes.totalCount).toBe(1);
    expect(await (await exported(first)).text()).not.toContain(namedQuote);
  });

  it('erasure: the quote is deleted, and the releases that held it say one was removed', async () => {
    const { eraseParticipant } = await server.ok(`mutation($id: ID!) { eraseParticipant(id: $id) { quotesDeleted } }`, {
      id: erased.participantId,
    });
    expect(eraseParticipant.quotesDeleted).toBe(1);
    const release = await released(first);
    expect(release.removedQuoteCount).toBe(3);
    expect(release.quotes.totalCount).toBe(0);
    const csv = await (await exported(first)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });
});

describe('the quotes export opened in a spreadsheet', () => {
  it("writes words that start like a formula as text, with a leading ', and keeps them as they are in JSON", async () => {
    await server.dataSource.query(`UPDATE quotes SET status = 'REJECTED' WHERE status = 'APPROVED'`);
    const words = '=2+3 buses a day, not enough for the estate';
    const { responseId } = await person(['QUOTE'], {}, words);
    const quote = await prepared(responseId, { publishedText: words, describeBy: [] }, words.length);
    await server.ok(APPROVE, { id: quote.id }, coordinator);
    const { version } = (await server.ok(`mutation { publishRelease { version } }`, {}, coordinator)).publishRelease;
    const download = (format: string) =>
      fetch(`${server.url}/exports/releases/${version}/quotes.${format}`, {
        headers: { authorization: `Bearer ${coordinator}` },
      });
    const csv = await (await download('csv')).text();
    expect(csv).toContain(`,"'=2+3 buses a day, not enough for the estate",`);
    expect(csv).not.toContain(',"=2+3');
    const json = (await (await download('json')).json()) as { quotes: { text: string }[] };
    expect(json.quotes.map((q) => q.text)).toEqual([words]);
  });
});
