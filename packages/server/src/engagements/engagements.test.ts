import { Role } from '@chorus/shared';
import { codeOf, fieldOf, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const FIELDS = 'name startsOn endsOn noticeVersions';
const UPDATE = `mutation($i: UpdateEngagementInput!) { updateEngagement(input: $i) { ${FIELDS} } }`;
const ADD_NOTICE = `mutation($v: String!) { addNoticeVersion(version: $v) { ${FIELDS} } }`;
const current = async () => (await server.ok(`{ engagement { ${FIELDS} } }`)).engagement;
const asAdmin = (query: string, variables: Record<string, unknown>) => server.gql(query, variables, server.adminToken);

describe('updateEngagement', () => {
  it('renames the engagement and sets its listening period, audited; a field left out stays', async () => {
    const { updateEngagement } = await server.ok(UPDATE, {
      i: { name: 'Stoke listens', startsOn: '2026-06-01', endsOn: '2026-09-30' },
    });
    expect(updateEngagement).toMatchObject({ name: 'Stoke listens', startsOn: '2026-06-01', endsOn: '2026-09-30' });
    const moved = (await server.ok(UPDATE, { i: { endsOn: '2026-10-31' } })).updateEngagement;
    expect(moved).toMatchObject({ name: 'Stoke listens', startsOn: '2026-06-01', endsOn: '2026-10-31' });
    const audits = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'engagement.updated' ORDER BY id`,
    );
    expect(audits).toEqual([{ details: { fields: 'name,startsOn,endsOn' } }, { details: { fields: 'endsOn' } }]);
  });

  it.each([
    [{ endsOn: '2026-05-31' }, 'endsOn'],
    [{ startsOn: '2026-12-01' }, 'startsOn'],
    [{ startsOn: '2026-07-01', endsOn: '2026-06-30' }, 'endsOn'],
    [{ startsOn: '2026-02-30' }, 'startsOn'],
    [{ endsOn: 'next week' }, 'endsOn'],
    [{ name: '' }, 'name'],
    [{ name: null }, 'name'],
  ])('refuses %j: BAD_USER_INPUT naming %s, nothing changed', async (input, field) => {
    await server.ok(UPDATE, { i: { startsOn: '2026-06-01', endsOn: '2026-09-30' } });
    const before = await current();
    const result = await asAdmin(UPDATE, { i: input });
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
    expect(await current()).toEqual(before);
  });

  it('is for admins only', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const before = await current();
    expect(codeOf(await server.gql(UPDATE, { i: { name: 'Taken over' } }, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(ADD_NOTICE, { v: 'v9' }, coordinator.token))).toBe('FORBIDDEN');
    expect(await current()).toEqual(before);
  });
});

describe('addNoticeVersion', () => {
  it('adds a version, which becomes the current one, audited', async () => {
    const before = (await current()).noticeVersions as string[];
    const { addNoticeVersion } = await server.ok(ADD_NOTICE, { v: '  v2 (September)  ' });
    expect(addNoticeVersion.noticeVersions).toEqual([...before, 'v2 (September)']);
    const audits = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'engagement.notice_version_added'`,
    );
    expect(audits).toEqual([{ details: { version: 'v2 (September)' } }]);
  });

  it.each([[''], ['x'.repeat(51)], ['V2 (SEPTEMBER)']])(
    'refuses %j: BAD_USER_INPUT naming version, nothing changed',
    async (version) => {
      await server.ok(ADD_NOTICE, { v: `v${server.unique('n').replace(' ', '')}` });
      await server.gql(ADD_NOTICE, { v: 'v2 (September)' }, server.adminToken);
      const before = await current();
      const result = await asAdmin(ADD_NOTICE, { v: version });
      expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'version']);
      expect(await current()).toEqual(before);
    },
  );
});
