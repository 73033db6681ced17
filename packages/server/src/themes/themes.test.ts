import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

async function createTheme(name: string, parentId?: string): Promise<string> {
  const data = await server.ok(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id name parent { id } } }`, {
    i: { name, parentId },
  });
  expect(data.createTheme.parent?.id ?? undefined).toBe(parentId);
  return data.createTheme.id;
}

const MOVE = `mutation($id: ID!, $parentId: ID) { updateTheme(id: $id, input: { parentId: $parentId }) { id parent { id } } }`;

describe('the codebook', () => {
  it('builds a tree readable from both ends', async () => {
    const root = await createTheme('Place & environment');
    const green = await createTheme('Green spaces', root);
    const litter = await createTheme('Litter', root);
    const data = await server.ok(`query { themes { id name parent { id } children { id } } }`);
    const byId = new Map(data.themes.map((t: any) => [t.id, t]));
    expect((byId.get(root) as any).children.map((c: any) => c.id).sort()).toEqual([green, litter].sort());
    expect((byId.get(green) as any).parent.id).toBe(root);
  });

  it('gives each theme its path from the top, so the same name at two levels reads apart', async () => {
    const transport = await createTheme('Transport (path)');
    const buses = await createTheme('Buses (path)', transport);
    const night = await createTheme('Night buses (path)', buses);
    const topBuses = await createTheme('Buses (path) ');
    const data = await server.ok(`query { themes { id path } }`);
    const pathOf = new Map(data.themes.map((t: any) => [t.id, t.path]));
    expect(pathOf.get(night)).toEqual(['Transport (path)', 'Buses (path)', 'Night buses (path)']);
    expect(pathOf.get(buses)).toEqual(['Transport (path)', 'Buses (path)']);
    expect(pathOf.get(topBuses)).toEqual(['Buses (path)']);
  });

  it('refuses a sibling with the same name, in any case', async () => {
    const root = await createTheme('Safety');
    await createTheme('Street lighting', root);
    const result = await server.gql(
      `mutation($p: ID) { createTheme(input: { name: "street LIGHTING", parentId: $p }) { id } }`,
      { p: root },
      server.adminToken,
    );
    expect(fieldOf(result)).toBe('name');
  });

  it('refuses a move that would make a cycle, and allows a move to the top', async () => {
    const a = await createTheme('Transport');
    const b = await createTheme('Buses', a);
    const c = await createTheme('Night buses', b);
    for (const [id, parentId] of [
      [a, c],
      [a, a],
      [b, c],
    ]) {
      const result = await server.gql(MOVE, { id, parentId }, server.adminToken);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe('parentId');
    }
    const moved = await server.ok(MOVE, { id: c, parentId: null });
    expect(moved.updateTheme.parent).toBeNull();
    const [row] = await server.dataSource.query(`SELECT parent_id FROM themes WHERE id = $1`, [a]);
    expect(row.parent_id).toBeNull();
  });

  it('keeps the tree acyclic under concurrent opposite moves', async () => {
    const x = await createTheme('Concurrent X');
    const y = await createTheme('Concurrent Y');
    const results = await Promise.all([
      server.gql(MOVE, { id: x, parentId: y }, server.adminToken),
      server.gql(MOVE, { id: y, parentId: x }, server.adminToken),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const rows = await server.dataSource.query(`SELECT id, parent_id FROM themes WHERE id = ANY($1)`, [[x, y]]);
    expect(rows.filter((r: any) => r.parent_id !== null)).toHaveLength(1);
  });

  it('merges a theme into another: codings and children move, the source goes', async () => {
    const sessionId = await server.createSession();
    const submitted = await server.submit(sessionId, [{ prompt: 'CHALLENGES', text: 'Rubbish dumped down the alley' }]);
    const responseId = submitted.data.submitResponses.responses[0].id;
    const source = await createTheme('Fly-tipping');
    const child = await createTheme('Alleys', source);
    const target = await createTheme('Litter & fly-tipping');
    await server.ok(`mutation($r: ID!, $t: ID!) { codeResponse(input: { responseId: $r, themeId: $t }) { id } }`, {
      r: responseId,
      t: source,
    });
    await server.ok(`mutation($s: ID!, $t: ID!) { mergeThemes(sourceId: $s, targetId: $t) { id } }`, {
      s: source,
      t: target,
    });
    expect(await server.count('themes', 'id = $1', [source])).toBe(0);
    expect(await server.count('codings', 'theme_id = $1 AND response_id = $2', [target, responseId])).toBe(1);
    const [row] = await server.dataSource.query(`SELECT parent_id FROM themes WHERE id = $1`, [child]);
    expect(row.parent_id).toBe(target);
  });
});

describe('coding', () => {
  let responseId: string;
  let themeId: string;
  beforeAll(async () => {
    const sessionId = await server.createSession();
    const submitted = await server.submit(sessionId, [
      { prompt: 'WHAT_WORKS', text: 'The library runs a homework club and a warm space' },
    ]);
    responseId = submitted.data.submitResponses.responses[0].id;
    themeId = await createTheme('Libraries');
  });

  const CODE = `mutation($i: CodeResponseInput!) { codeResponse(input: $i) { id theme { id } response { id } } }`;

  it('codes an excerpt that occurs in the response, by a named coder', async () => {
    const data = await server.ok(CODE, { i: { responseId, themeId, excerpt: 'homework club' } });
    expect(data.codeResponse).toMatchObject({ theme: { id: themeId }, response: { id: responseId } });
    const read = await server.ok(
      `query($id: ID!) { response(id: $id) { themes { id } codings { excerpt coder { email } } } }`,
      { id: responseId },
    );
    expect(read.response.themes).toEqual([{ id: themeId }]);
    expect(read.response.codings).toEqual([{ excerpt: 'homework club', coder: { email: 'admin@test.chorus' } }]);
  });

  it('refuses an excerpt that is not in the response', async () => {
    const result = await server.gql(CODE, { i: { responseId, themeId, excerpt: 'swimming pool' } }, server.adminToken);
    expect(fieldOf(result)).toBe('excerpt');
    expect(await server.count('codings', "excerpt = 'swimming pool'")).toBe(0);
  });

  it('returns the first coding when the same thing is coded twice', async () => {
    const first = await server.ok(CODE, { i: { responseId, themeId, excerpt: 'warm space' } });
    const again = await server.ok(CODE, { i: { responseId, themeId, excerpt: 'warm space' } });
    expect(again.codeResponse.id).toBe(first.codeResponse.id);
  });

  it('finds coded and uncoded responses by filter', async () => {
    const data = await server.ok(
      `query($t: ID!) { coded: responses(filter: { themeId: $t }) { totalCount } uncoded: responses(filter: { uncoded: true }) { edges { node { id } } } }`,
      { t: themeId },
    );
    expect(data.coded.totalCount).toBe(1);
    expect(data.uncoded.edges.map((e: any) => e.node.id)).not.toContain(responseId);
  });

  it('names the missing response or theme', async () => {
    const missing = '7d3c1f7e-0000-4000-8000-000000000000';
    expect(fieldOf(await server.gql(CODE, { i: { responseId: missing, themeId } }, server.adminToken))).toBe(
      'responseId',
    );
    expect(fieldOf(await server.gql(CODE, { i: { responseId, themeId: missing } }, server.adminToken))).toBe('themeId');
  });
});
