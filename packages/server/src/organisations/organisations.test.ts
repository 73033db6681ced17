import { Role, Sector } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const UPDATE = `mutation($id: ID!, $i: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $i) { id name sector } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const stored = async (id: string) =>
  (await server.dataSource.query(`SELECT name, sector FROM organisations WHERE id = $1`, [id]))[0];

describe('updateOrganisation', () => {
  it('renames an organisation and changes its sector, audited; a field left out stays', async () => {
    const id = await server.createOrganisation(Sector.VOLUNTARY);
    const renamed = await server.ok(UPDATE, { id, i: { name: '  Longton Larder  ' } });
    expect(renamed.updateOrganisation).toEqual({ id, name: 'Longton Larder', sector: 'VOLUNTARY' });
    const moved = await server.ok(UPDATE, { id, i: { sector: 'FAITH' } });
    expect(moved.updateOrganisation).toEqual({ id, name: 'Longton Larder', sector: 'FAITH' });
    const audits = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'organisation.updated' ORDER BY id`,
      [id],
    );
    expect(audits).toEqual([{ details: { fields: 'name' } }, { details: { fields: 'sector' } }]);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: null }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ sector: null }, 'sector'],
  ])('refuses %j: BAD_USER_INPUT naming %s, nothing changed', async (input, field) => {
    const id = await server.createOrganisation();
    const before = await stored(id);
    const result = await server.gql(UPDATE, { id, i: input }, server.adminToken);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
    expect(await stored(id)).toEqual(before);
  });

  it('refuses a name another organisation has, ignoring case', async () => {
    const first = await server.createOrganisation();
    const second = await server.createOrganisation();
    const taken = (await stored(first)).name as string;
    const before = await stored(second);
    const result = await server.gql(UPDATE, { id: second, i: { name: taken.toUpperCase() } }, server.adminToken);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'name']);
    expect(await stored(second)).toEqual(before);
    // Its own name, in another case, is not a clash.
    const own = before.name as string;
    expect((await server.ok(UPDATE, { id: second, i: { name: own.toLowerCase() } })).updateOrganisation.name).toBe(
      own.toLowerCase(),
    );
  });

  it('is NOT_FOUND on id for an unknown organisation, and FORBIDDEN to a coordinator and to a partner', async () => {
    const unknown = await server.gql(UPDATE, { id: UNKNOWN, i: { name: 'Anything' } }, server.adminToken);
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'id']);
    const id = await server.createOrganisation();
    const before = await stored(id);
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const partner = await server.userWithRole(Role.PARTNER, id);
    for (const token of [coordinator.token, partner.token]) {
      expect(codeOf(await server.gql(UPDATE, { id, i: { name: 'Taken over' } }, token))).toBe('FORBIDDEN');
    }
    expect(await stored(id)).toEqual(before);
  });
});
