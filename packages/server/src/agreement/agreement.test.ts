import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';

const DRAW = `mutation($i: DrawAgreementSampleInput!) {
  drawAgreementSample(input: $i) { id percentage seed items coders blindCodings blindCodingsSubmitted settled drawnBy }
}`;
const QUEUE = `query($s: AgreementAssignmentStatus, $first: Int, $after: String) {
  myAgreementAssignments(status: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status submittedAt response { id prompt text } themes { id } } }
  }
}`;
const SUBMIT = `mutation($a: ID!, $t: [ID!]!) { submitBlindCoding(assignmentId: $a, themeIds: $t) { id status themes { id } } }`;
const FIGURES = `query($s: ID) {
  agreement(sampleId: $s) { method value items coders disagreements settled
    themes { theme { id name } method value items agreedItems } }
}`;
const REVIEW = `query($f: AgreementReviewFilter, $first: Int) {
  agreementReview(filter: $f, first: $first) {
    totalCount edges { node { id response { id } codings { kind coder themes { id } }
      disagreedThemes { id } settledAt settledBy settledThemes { id } } }
  }
}`;
const SETTLE = `mutation($i: ID!, $t: [ID!]!) {
  settleAgreementItem(itemId: $i, themeIds: $t) { id settledAt settledBy settledThemes { id } codings { kind themes { id } } }
}`;
const CODE = `mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id } }`;
const RESPONSE = `query($id: ID!) { response(id: $id) { id codings { id theme { id } } themes { id } } }`;
const SAMPLES = `query { agreementSamples(first: 10) { totalCount edges { node { id items } } } }`;

type Node = { id: string; response: { id: string; prompt: string } };

async function setUp(server: TestServer) {
  const coordinator = await server.userWithRole(Role.COORDINATOR);
  const first = await server.userWithRole(Role.ANALYST);
  const second = await server.userWithRole(Role.ANALYST);
  const third = await server.userWithRole(Role.ANALYST);
  const theme = async (name: string) =>
    (await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, { i: { name } })).createTheme
      .id as string;
  return { coordinator, first, second, third, theme };
}

async function submitGroupNotes(server: TestServer, prompts: string[]): Promise<string[]> {
  const session = await server.createSession();
  const result = await server.submit(
    session,
    prompts.map((prompt, i) => ({ prompt, text: `Group note ${i} about the ${prompt.toLowerCase()} of the city.` })),
  );
  expect(result.errors).toBeUndefined();
  return result.data.submitResponses.responses.map((r: { id: string }) => r.id);
}

async function queueOf(server: TestServer, token: string, status = 'OPEN'): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  do {
    const page: {
      myAgreementAssignments: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Node }[] };
    } = await server.ok(QUEUE, { s: status, first: 20, after }, token);
    nodes.push(...page.myAgreementAssignments.edges.map((edge) => edge.node));
    after = page.myAgreementAssignments.pageInfo.hasNextPage ? page.myAgreementAssignments.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

describe('blind double coding, on a codebook coded by one analyst', () => {
  let server: TestServer;
  let people: Awaited<ReturnType<typeof setUp>>;
  let themes: { bus: string; parks: string; safety: string };
  let responses: string[];
  let sampleId: string;
  let partnerKey: string;
  let councilKey: string;
  let facilitator: string;

  beforeAll(async () => {
    server = await TestServer.start();
    people = await setUp(server);
    themes = {
      bus: await people.theme('Buses'),
      parks: await people.theme('Parks'),
      safety: await people.theme('Safety'),
    };
    partnerKey = await server.apiKey(Role.PARTNER, await server.createOrganisation());
    councilKey = await server.apiKey(Role.COUNCIL_READER);
    facilitator = (await server.userWithRole(Role.FACILITATOR)).token;
    responses = await submitGroupNotes(server, [
      ...Array<string>(10).fill('VALUES'),
      ...Array<string>(4).fill('CHALLENGES'),
      ...Array<string>(2).fill('FUTURE'),
      'BELONGING', // never coded: not in the frame
    ]);
    for (const [i, responseId] of responses.slice(0, 16).entries()) {
      await server.ok(CODE, { i: { responseId, themeId: i % 2 ? themes.bus : themes.parks } }, people.first.token);
    }
  }, 120_000);
  afterAll(() => server.stop());

  it('refuses a bad draw naming the field, and draws nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ percentage: 0, coderIds: [people.second.id] }, 'percentage'],
      [{ percentage: 100.5, coderIds: [people.second.id] }, 'percentage'],
      [{ percentage: 50, seed: -1, coderIds: [people.second.id] }, 'seed'],
      [{ percentage: 50, coderIds: [] }, 'coderIds'],
      [{ percentage: 50, coderIds: [people.second.id, people.second.id] }, 'coderIds'],
      [{ percentage: 50, coderIds: [people.second.id, 'not-an-id'] }, 'coderIds.1'],
      [{ percentage: 50, coderIds: ['00000000-0000-4000-8000-000000000000'] }, 'coderIds.0'],
      [{ percentage: 50, coderIds: [(await server.userWithRole(Role.FACILITATOR)).id] }, 'coderIds.0'],
    ];
    for (const [input, field] of cases) {
      const result = await server.gql(DRAW, { i: input }, people.coordinator.token);
      expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
    }
    expect(await server.count('agreement_samples')).toBe(0);
  });

  it('lets only a coordinator draw: analysts, facilitators, partner and council keys are refused', async () => {
    for (const token of [people.second.token, facilitator, partnerKey, councilKey]) {
      const result = await server.gql(DRAW, { i: { percentage: 50, coderIds: [people.second.id] } }, token);
      expect(codeOf(result)).toBe('FORBIDDEN');
    }
    expect(await server.count('agreement_samples')).toBe(0);
  });

  it('draws the percentage of each prompt’s coded responses, rounded up, and queues them for the blind coder', async () => {
    const data = await server.ok(
      DRAW,
      { i: { percentage: 50, seed: 11, coderIds: [people.second.id] } },
      people.coordinator.token,
    );
    sampleId = data.drawAgreementSample.id;
    // 10 VALUES, 4 CHALLENGES, 2 FUTURE coded: 5 + 2 + 1; the uncoded BELONGING response is not drawn.
    expect(data.drawAgreementSample).toMatchObject({ percentage: 50, seed: 11, items: 8, blindCodings: 8, settled: 0 });
    expect(data.drawAgreementSample.coders).toHaveLength(1);
    const queue = await queueOf(server, people.second.token);
    const prompts = queue.map((node) => node.response.prompt);
    expect(prompts.filter((p) => p === 'VALUES')).toHaveLength(5);
    expect(prompts.filter((p) => p === 'CHALLENGES')).toHaveLength(2);
    expect(prompts.filter((p) => p === 'FUTURE')).toHaveLength(1);
    expect(await queueOf(server, people.third.token)).toEqual([]);
    const audit = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'agreement.sample_drawn'`,
    );
    expect(audit).toEqual([{ details: { percentage: 50, seed: 11, items: 8, coders: 1 } }]);
  });

  it('keeps the blind coder from the response’s coding wherever it is read, and from changing it', async () => {
    const [item] = await queueOf(server, people.second.token);
    const id = item!.response.id;
    const asBlind = await server.ok(RESPONSE, { id }, people.second.token);
    expect(asBlind.response).toEqual({ id, codings: [], themes: [] });
    expect((await server.ok(RESPONSE, { id }, people.first.token)).response.codings).toHaveLength(1);
    const coded = await server.ok(
      `query($f: ResponseFilter) { responses(filter: $f, first: 100) { edges { node { id } } } }`,
      { f: { uncoded: true } },
      people.second.token,
    );
    expect(coded.responses.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    for (const themeId of Object.values(themes)) {
      const byTheme = await server.ok(
        `query($f: ResponseFilter) { responses(filter: $f, first: 100) { edges { node { id } } } }`,
        { f: { themeId } },
        people.second.token,
      );
      expect(byTheme.responses.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    }
    const codeIt = await server.gql(CODE, { i: { responseId: id, themeId: themes.safety } }, people.second.token);
    expect([codeOf(codeIt), fieldOf(codeIt)]).toEqual(['BAD_USER_INPUT', 'responseId']);
    expect(await server.count('codings', 'response_id = $1', [id])).toBe(1);
  });

  it('refuses a bad blind coding naming the field, someone else’s assignment as absent, and changes nothing', async () => {
    const [item] = await queueOf(server, people.second.token);
    const cases: [string, string[], string, string, string][] = [
      [item!.id, ['nope'], people.second.token, 'BAD_USER_INPUT', 'themeIds.0'],
      [item!.id, [themes.bus, themes.bus], people.second.token, 'BAD_USER_INPUT', 'themeIds'],
      [item!.id, ['00000000-0000-4000-8000-000000000000'], people.second.token, 'BAD_USER_INPUT', 'themeIds.0'],
      [item!.id, [themes.bus], people.third.token, 'NOT_FOUND', 'assignmentId'],
      [item!.id, [themes.bus], people.first.token, 'NOT_FOUND', 'assignmentId'],
    ];
    for (const [assignment, themeIds, token, code, field] of cases) {
      const result = await server.gql(SUBMIT, { a: assignment, t: themeIds }, token);
      expect([codeOf(result), fieldOf(result)]).toEqual([code, field]);
    }
    for (const token of [partnerKey, councilKey, facilitator]) {
      expect(codeOf(await server.gql(SUBMIT, { a: item!.id, t: [] }, token))).toBe('FORBIDDEN');
    }
    expect(await server.count('agreement_assignments', 'submitted_at IS NOT NULL AND kind = $1', ['BLIND'])).toBe(0);
  });

  it('takes each blind coding once; the coder then sees the response’s coding again', async () => {
    const queue = await queueOf(server, people.second.token);
    // Agree with the first coder on all but two: one left uncoded, one given another theme as well.
    for (const [i, node] of queue.entries()) {
      const original = (await server.ok(RESPONSE, { id: node.response.id }, people.first.token)).response.themes.map(
        (t: { id: string }) => t.id,
      );
      const themeIds = i === 0 ? [] : i === 1 ? [...original, themes.safety] : original;
      const data = await server.ok(SUBMIT, { a: node.id, t: themeIds }, people.second.token);
      expect(data.submitBlindCoding).toMatchObject({ id: node.id, status: 'SUBMITTED' });
    }
    const again = await server.gql(SUBMIT, { a: queue[0]!.id, t: [themes.bus] }, people.second.token);
    expect([codeOf(again), fieldOf(again)]).toEqual(['BAD_USER_INPUT', 'assignmentId']);
    expect(await queueOf(server, people.second.token)).toEqual([]);
    expect(await queueOf(server, people.second.token, 'SUBMITTED')).toHaveLength(8);
    const seen = await server.ok(RESPONSE, { id: queue[1]!.response.id }, people.second.token);
    expect(seen.response.codings).toHaveLength(1);
    expect(await server.count('audit_events', `action = 'agreement.coding_submitted'`)).toBe(8);
  });

  it('reports kappa per theme with the number of items, to coordinators only', async () => {
    const data = await server.ok(FIGURES, { s: sampleId }, people.coordinator.token);
    expect(data.agreement).toMatchObject({ method: 'COHEN_KAPPA', items: 8, coders: 2, disagreements: 2, settled: 0 });
    expect(data.agreement.themes.map((t: { theme: { name: string } }) => t.theme.name)).toEqual([
      'Buses',
      'Parks',
      'Safety',
    ]);
    for (const row of data.agreement.themes) expect(row).toMatchObject({ method: 'COHEN_KAPPA', items: 8 });
    // Safety: applied once by the blind coder only, never by the first: 7 of 8 agree.
    expect(data.agreement.themes[2]).toMatchObject({ agreedItems: 7, value: 0 });
    for (const token of [people.second.token, facilitator, partnerKey, councilKey]) {
      expect(codeOf(await server.gql(FIGURES, { s: sampleId }, token))).toBe('FORBIDDEN');
      expect(codeOf(await server.gql(SAMPLES, {}, token))).toBe('FORBIDDEN');
    }
    const samples = await server.ok(SAMPLES, {}, people.coordinator.token);
    expect(samples.agreementSamples).toMatchObject({ totalCount: 1, edges: [{ node: { id: sampleId, items: 8 } }] });
  });

  it('lists the disagreements to the pair and the coordinator, and to no one else', async () => {
    const forPair = await server.ok(REVIEW, {}, people.second.token);
    expect(forPair.agreementReview.totalCount).toBe(2);
    expect((await server.ok(REVIEW, {}, people.first.token)).agreementReview.totalCount).toBe(2);
    expect((await server.ok(REVIEW, {}, people.coordinator.token)).agreementReview.totalCount).toBe(2);
    expect((await server.ok(REVIEW, {}, people.third.token)).agreementReview.totalCount).toBe(0);
    for (const token of [facilitator, partnerKey, councilKey]) {
      expect(codeOf(await server.gql(REVIEW, {}, token))).toBe('FORBIDDEN');
    }
    for (const { node } of forPair.agreementReview.edges) {
      expect(node.codings.map((c: { kind: string }) => c.kind)).toEqual(['ORIGINAL', 'BLIND']);
      expect(node.disagreedThemes.length).toBeGreaterThan(0);
    }
  });

  it('settles a disagreement: the settled themes become the response’s coding, both originals are kept', async () => {
    const { edges } = (await server.ok(REVIEW, {}, people.second.token)).agreementReview;
    const { node } = edges[0]!;
    const settledOn = [themes.safety];
    const refusals: [string, string[], string, string, string][] = [
      [node.id, ['nope'], people.second.token, 'BAD_USER_INPUT', 'themeIds.0'],
      [node.id, [themes.parks], people.third.token, 'NOT_FOUND', 'itemId'],
      ['00000000-0000-4000-8000-000000000000', [], people.second.token, 'NOT_FOUND', 'itemId'],
    ];
    for (const [itemId, themeIds, token, code, field] of refusals) {
      const result = await server.gql(SETTLE, { i: itemId, t: themeIds }, token);
      expect([codeOf(result), fieldOf(result)]).toEqual([code, field]);
    }
    for (const token of [facilitator, partnerKey, councilKey]) {
      expect(codeOf(await server.gql(SETTLE, { i: node.id, t: [] }, token))).toBe('FORBIDDEN');
    }
    expect(await server.count('agreement_items', 'settled_at IS NOT NULL')).toBe(0);

    const data = await server.ok(SETTLE, { i: node.id, t: settledOn }, people.second.token);
    expect(data.settleAgreementItem).toMatchObject({
      settledBy: expect.any(String),
      settledThemes: [{ id: themes.safety }],
    });
    expect(data.settleAgreementItem.codings).toEqual(
      node.codings.map((c: { kind: string; themes: unknown }) => ({ kind: c.kind, themes: c.themes })),
    );
    const response = await server.ok(RESPONSE, { id: node.response.id }, people.first.token);
    expect(response.response.themes).toEqual([{ id: themes.safety }]);

    const twice = await server.gql(SETTLE, { i: node.id, t: settledOn }, people.first.token);
    expect([codeOf(twice), fieldOf(twice)]).toEqual(['BAD_USER_INPUT', 'itemId']);
    const [agreeing] = await server.dataSource.query<{ id: string }[]>(
      `SELECT i.id FROM agreement_items i WHERE i.id <> ALL($1::uuid[]) LIMIT 1`,
      [edges.map((e: { node: { id: string } }) => e.node.id)],
    );
    const nothing = await server.gql(SETTLE, { i: agreeing!.id, t: [] }, people.second.token);
    expect([codeOf(nothing), fieldOf(nothing)]).toEqual(['BAD_USER_INPUT', 'itemId']);

    const settled = await server.ok(REVIEW, { f: { status: 'SETTLED' } }, people.coordinator.token);
    expect(settled.agreementReview.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([node.id]);
    const figures = await server.ok(FIGURES, { s: sampleId }, people.coordinator.token);
    expect(figures.agreement).toMatchObject({ disagreements: 2, settled: 1 });
    expect(await server.count('audit_events', `action = 'agreement.item_settled'`)).toBe(1);
  });

  it('with two blind coders uses Krippendorff’s alpha, and settling waits until every coder has submitted', async () => {
    const data = await server.ok(
      DRAW,
      { i: { percentage: 100, seed: 3, coderIds: [people.second.id, people.third.id] } },
      people.coordinator.token,
    );
    const id = data.drawAgreementSample.id;
    expect(data.drawAgreementSample.items).toBe(8); // the other eight coded responses
    const [mine] = await queueOf(server, people.second.token);
    await server.ok(SUBMIT, { a: mine!.id, t: [themes.safety] }, people.second.token);
    const early = await server.gql(
      SETTLE,
      {
        i: (
          await server.dataSource.query(`SELECT item_id AS id FROM agreement_assignments WHERE id = $1`, [mine!.id])
        )[0].id,
        t: [],
      },
      people.second.token,
    );
    expect([codeOf(early), fieldOf(early)]).toEqual(['BAD_USER_INPUT', 'itemId']);
    const [theirs] = (await queueOf(server, people.third.token)).filter(
      (node) => node.response.id === mine!.response.id,
    );
    await server.ok(SUBMIT, { a: theirs!.id, t: [themes.safety] }, people.third.token);
    const figures = await server.ok(FIGURES, { s: id }, people.coordinator.token);
    expect(figures.agreement).toMatchObject({ method: 'KRIPPENDORFF_ALPHA', items: 1, coders: 3 });
    const all = await server.ok(FIGURES, {}, people.coordinator.token);
    expect(all.agreement).toMatchObject({ method: 'KRIPPENDORFF_ALPHA', items: 9, coders: 3 });
  });

  it('keeps what each coder said through a theme merge: their codings move to the theme merged into', async () => {
    const before = await server.count('agreement_assignment_themes', 'theme_id = $1', [themes.safety]);
    const settledBefore = await server.count('agreement_settled_themes', 'theme_id = $1', [themes.safety]);
    expect(before).toBeGreaterThan(0);
    await server.ok(`mutation($s: ID!, $t: ID!) { mergeThemes(sourceId: $s, targetId: $t) { id } }`, {
      s: themes.safety,
      t: themes.parks,
    });
    const settled = await server.ok(REVIEW, { f: { status: 'SETTLED' } }, people.coordinator.token);
    expect(settled.agreementReview.edges[0].node.settledThemes).toEqual([{ id: themes.parks }]);
    expect(settledBefore).toBe(1);
    expect(await server.count('agreement_assignment_themes', 'theme_id = $1', [themes.parks])).toBeGreaterThanOrEqual(
      before,
    );
  });
});

describe("agreement through the whole API, on Wikipedia's worked kappa example", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  }, 60_000);
  afterAll(() => server.stop());

  it('50 responses, both coders yes on 20, first only on 5, second only on 10, neither on 15: κ = 0.40', async () => {
    const people = await setUp(server);
    const yes = await people.theme('Yes');
    const other = await people.theme('Other');
    const ids = await submitGroupNotes(server, Array<string>(50).fill('VALUES'));
    // The first coder says yes to responses 0–24; the rest get another theme so they are coded.
    for (const [i, responseId] of ids.entries()) {
      await server.ok(CODE, { i: { responseId, themeId: i < 25 ? yes : other } }, people.first.token);
    }
    await server.ok(DRAW, { i: { percentage: 100, coderIds: [people.second.id] } }, people.coordinator.token);
    // The second coder says yes to 0–19 (a = 20) and 25–34 (c = 10), not to 20–24 (b = 5) nor 35–49 (d = 15).
    for (const node of await queueOf(server, people.second.token)) {
      const i = ids.indexOf(node.response.id);
      await server.ok(SUBMIT, { a: node.id, t: i < 20 || (i >= 25 && i < 35) ? [yes] : [other] }, people.second.token);
    }
    const data = await server.ok(FIGURES, {}, people.coordinator.token);
    const row = data.agreement.themes.find((t: { theme: { id: string } }) => t.theme.id === yes);
    expect(row).toMatchObject({ method: 'COHEN_KAPPA', items: 50, agreedItems: 35 });
    expect(row.value).toBeCloseTo(0.4, 10);
  }, 120_000);
});
