import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const CREATE = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id name code kind population } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateAreaInput!) {
  updateArea(id: $id, input: $input) { id name code kind population }
}`;

describe('areas a warehouse can join', () => {
  it('stores a ward with its GSS code, upper-cased, and lists it', async () => {
    const name = server.unique('Ward');
    const { createArea } = await server.ok(CREATE, {
      input: { name, code: 'e05009001', kind: 'WARD', population: 12_345 },
    });
    expect(createArea).toMatchObject({ name, code: 'E05009001', kind: 'WARD', population: 12_345 });
    const { areas } = await server.ok(`{ areas { name code kind } }`);
    expect(areas).toContainEqual({ name, code: 'E05009001', kind: 'WARD' });
  });

  it('defaults to OTHER with no code', async () => {
    const { createArea } = await server.ok(CREATE, { input: { name: server.unique('Estate') } });
    expect(createArea).toMatchObject({ code: null, kind: 'OTHER' });
  });

  it.each([
    ['E0500', 'malformed'],
    ['X05008734', 'a letter no GSS code starts with'],
    ['E05008734x', 'too long'],
  ])('refuses the code %s (%s), naming the field', async (code) => {
    const result = await server.gql(CREATE, { input: { name: server.unique('Bad'), code } }, server.adminToken);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'code']);
  });

  it('gives a ward only an ONS ward code (E05 and six digits), naming the field and changing nothing', async () => {
    const name = server.unique('Ward');
    const refused = await server.gql(CREATE, { input: { name, code: 'E06000021', kind: 'WARD' } }, server.adminToken);
    expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', 'code']);
    expect(refused.errors![0]!.message).toMatch(/E05 and six digits/);
    expect(await server.count('areas', 'name = $1', [name])).toBe(0);

    // A unitary authority's code suits a town; making that town a ward is refused until the code is a ward's.
    const { createArea: town } = await server.ok(CREATE, { input: { name, code: 'E06000021', kind: 'TOWN' } });
    const becoming = await server.gql(UPDATE, { id: town.id, input: { kind: 'WARD' } }, server.adminToken);
    expect([codeOf(becoming), fieldOf(becoming)]).toEqual(['BAD_USER_INPUT', 'code']);
    expect((await server.ok(`{ areas { id kind code } }`)).areas).toContainEqual({
      id: town.id,
      kind: 'TOWN',
      code: 'E06000021',
    });
    const { updateArea } = await server.ok(UPDATE, { id: town.id, input: { kind: 'WARD', code: 'e05009010' } });
    expect(updateArea).toMatchObject({ kind: 'WARD', code: 'E05009010' });
  });

  it('refuses a code another area has, and changes nothing', async () => {
    await server.ok(CREATE, { input: { name: server.unique('First'), code: 'E05009002' } });
    const name = server.unique('Second');
    const result = await server.gql(CREATE, { input: { name, code: 'E05009002' } }, server.adminToken);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'code']);
    expect(await server.count('areas', 'name = $1', [name])).toBe(0);
  });

  it('updates what is given, clears the code with null, and audits the change', async () => {
    const { createArea: area } = await server.ok(CREATE, {
      input: { name: server.unique('Town'), code: 'E05009003', population: 100 },
    });
    const { updateArea } = await server.ok(UPDATE, { id: area.id, input: { kind: 'TOWN', population: 200 } });
    expect(updateArea).toMatchObject({ name: area.name, code: 'E05009003', kind: 'TOWN', population: 200 });
    const { updateArea: cleared } = await server.ok(UPDATE, { id: area.id, input: { code: null } });
    expect(cleared).toMatchObject({ code: null, kind: 'TOWN', population: 200 });
    expect(await server.count('audit_events', `action = 'area.updated' AND entity_id = $1`, [area.id])).toBe(2);
  });

  it('is NOT_FOUND for an unknown area, and refuses clearing the name', async () => {
    const missing = await server.gql(
      UPDATE,
      { id: '00000000-0000-4000-8000-000000000000', input: { population: 1 } },
      server.adminToken,
    );
    expect([codeOf(missing), fieldOf(missing)]).toEqual(['NOT_FOUND', 'id']);
    const { createArea: area } = await server.ok(CREATE, { input: { name: server.unique('Named') } });
    const cleared = await server.gql(UPDATE, { id: area.id, input: { name: null } }, server.adminToken);
    expect([codeOf(cleared), fieldOf(cleared)]).toEqual(['BAD_USER_INPUT', 'name']);
  });

  it.each([Role.COORDINATOR, Role.ANALYST])('refuses a %s an edit', async (role) => {
    const { createArea: area } = await server.ok(CREATE, { input: { name: server.unique('Guarded') } });
    const { token } = await server.userWithRole(role);
    const result = await server.gql(UPDATE, { id: area.id, input: { population: 5 } }, token);
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('refuses a council key an edit', async () => {
    const key = await server.apiKey(Role.COUNCIL_READER);
    const { createArea: area } = await server.ok(CREATE, { input: { name: server.unique('Keyed') } });
    expect(codeOf(await server.gql(UPDATE, { id: area.id, input: { population: 5 } }, key))).toBe('FORBIDDEN');
  });
});
