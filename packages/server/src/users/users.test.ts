import { Role } from '@chorus/shared';
import { codeOf, fieldOf, PASSWORD, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const ME = `query { me { id role mustChangePassword lastSignedInAt } }`;
const CHANGE_ROLE = `mutation($i: ChangeUserRoleInput!) { changeUserRole(input: $i) { id role organisation { id } } }`;
const RESET = `mutation($id: ID!) { resetUserPassword(id: $id) { temporaryPassword user { id mustChangePassword } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { mustChangePassword lastSignedInAt } } }`;
const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id mustChangePassword } }`;
const USERS = `query { users(first: 5) { totalCount } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** As the test's admin. */
const asAdmin = (query: string, variables: Record<string, unknown>) => server.gql(query, variables, server.adminToken);

async function newUser(role = Role.ANALYST): Promise<{ email: string; id: string }> {
  const email = `${server.unique('person').replace(' ', '-')}@test.chorus`;
  const data = await server.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email, displayName: 'Test person', role, password: PASSWORD },
  });
  return { email, id: data.createUser.id };
}

const row = async (id: string) =>
  (
    await server.dataSource.query(
      `SELECT role, organisation_id, must_change_password, password_hash FROM users WHERE id = $1`,
      [id],
    )
  )[0];

const auditOf = (id: string, action: string) =>
  server.dataSource.query(`SELECT details FROM audit_events WHERE entity_id = $1 AND action = $2`, [id, action]);

describe('changeUserRole', () => {
  it('changes the role, and a signed-in session carries on under the new role at once (audited)', async () => {
    const user = await newUser(Role.ANALYST);
    const token = await server.login(user.email, PASSWORD);
    expect(codeOf(await server.gql(USERS, {}, token))).toBe('FORBIDDEN');
    const changed = await server.ok(CHANGE_ROLE, { i: { id: user.id, role: 'COORDINATOR' } });
    expect(changed.changeUserRole).toEqual({ id: user.id, role: 'COORDINATOR', organisation: null });
    expect(codeOf(await server.gql(USERS, {}, token))).toBeUndefined();
    expect(await auditOf(user.id, 'user.role_changed')).toEqual([{ details: { from: 'ANALYST', to: 'COORDINATOR' } }]);
  });

  it('makes a PARTNER of an organisation, and back', async () => {
    const user = await newUser(Role.FACILITATOR);
    const organisationId = await server.createOrganisation();
    const partner = await server.ok(CHANGE_ROLE, { i: { id: user.id, role: 'PARTNER', organisationId } });
    expect(partner.changeUserRole.organisation).toEqual({ id: organisationId });
    const back = await server.ok(CHANGE_ROLE, { i: { id: user.id, role: 'FACILITATOR' } });
    expect(back.changeUserRole).toEqual({ id: user.id, role: 'FACILITATOR', organisation: null });
  });

  it.each([
    ['COUNCIL_READER', {}, 'BAD_USER_INPUT', 'role'],
    ['PARTNER', {}, 'BAD_USER_INPUT', 'organisationId'],
    ['ANALYST', { organisationId: 'not-an-id' }, 'BAD_USER_INPUT', 'organisationId'],
    ['PARTNER', { organisationId: UNKNOWN }, 'NOT_FOUND', 'organisationId'],
  ])('refuses %s with %j: %s naming %s, nothing changed', async (role, extra, code, field) => {
    const user = await newUser(Role.FACILITATOR);
    const result = await asAdmin(CHANGE_ROLE, { i: { id: user.id, role, ...extra } });
    expect([codeOf(result), fieldOf(result)]).toEqual([code, field]);
    expect((await row(user.id)).role).toBe('FACILITATOR');
    expect(await auditOf(user.id, 'user.role_changed')).toEqual([]);
  });

  it('refuses an unknown user (NOT_FOUND on id) and a non-admin (FORBIDDEN)', async () => {
    const unknown = await asAdmin(CHANGE_ROLE, { i: { id: UNKNOWN, role: 'ANALYST' } });
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'id']);
    const user = await newUser(Role.ANALYST);
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const refused = await server.gql(CHANGE_ROLE, { i: { id: user.id, role: 'ADMIN' } }, coordinator.token);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect((await row(user.id)).role).toBe('ANALYST');
  });

  it('never leaves the install without an active admin', async () => {
    const me = (await server.ok(ME)).me;
    const alone = await asAdmin(CHANGE_ROLE, { i: { id: me.id, role: 'COORDINATOR' } });
    expect([codeOf(alone), fieldOf(alone)]).toEqual(['BAD_USER_INPUT', 'role']);
    expect((await row(me.id)).role).toBe('ADMIN');

    // With a second admin either may step down, but not both.
    const second = await server.userWithRole(Role.ADMIN);
    expect(
      (await server.ok(CHANGE_ROLE, { i: { id: second.id, role: 'ANALYST' } }, second.token)).changeUserRole.role,
    ).toBe('ANALYST');
    expect(codeOf(await asAdmin(CHANGE_ROLE, { i: { id: me.id, role: 'ANALYST' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('resetUserPassword', () => {
  it('ends every session; the temporary password signs in only to set a new one (audited, no password kept)', async () => {
    const user = await newUser(Role.COORDINATOR);
    const tokens = [await server.login(user.email, PASSWORD), await server.login(user.email, PASSWORD)];
    const reset = (await server.ok(RESET, { id: user.id })).resetUserPassword;
    expect(reset.user).toEqual({ id: user.id, mustChangePassword: true });
    const temporary: string = reset.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect((await row(user.id)).password_hash).not.toContain(temporary);
    for (const token of tokens) expect(codeOf(await server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(LOGIN, { e: user.email, p: PASSWORD }, ''))).toBe('UNAUTHENTICATED');

    const signedIn = await server.ok(LOGIN, { e: user.email, p: temporary }, '');
    expect(signedIn.login.user.mustChangePassword).toBe(true);
    const pending = signedIn.login.token;
    expect((await server.ok(ME, {}, pending)).me).toMatchObject({ id: user.id, mustChangePassword: true });
    const refused = await server.gql(USERS, {}, pending);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/new password/);
    expect((await server.ok(`query { viewer { permissions } }`, {}, pending)).viewer.permissions).toEqual([]);

    const same = await server.gql(CHANGE_PASSWORD, { c: temporary, n: temporary }, pending);
    expect([codeOf(same), fieldOf(same)]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    const changed = await server.ok(CHANGE_PASSWORD, { c: temporary, n: 'my own long passphrase here' }, pending);
    expect(changed.changePassword.mustChangePassword).toBe(false);
    const fresh = await server.login(user.email, 'my own long passphrase here');
    expect(codeOf(await server.gql(USERS, {}, fresh))).toBeUndefined();

    const audits = await auditOf(user.id, 'user.password_reset');
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(temporary);
  });

  it('refuses yourself (FORBIDDEN), an unknown user (NOT_FOUND on id) and a non-admin, changing nothing', async () => {
    const me = (await server.ok(ME)).me;
    expect(codeOf(await asAdmin(RESET, { id: me.id }))).toBe('FORBIDDEN');
    expect((await row(me.id)).must_change_password).toBe(false);
    const unknown = await asAdmin(RESET, { id: UNKNOWN });
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['NOT_FOUND', 'id']);
    const bad = await asAdmin(RESET, { id: 'nope' });
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', 'id']);
    const user = await newUser();
    const token = await server.login(user.email, PASSWORD);
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    expect(codeOf(await server.gql(RESET, { id: user.id }, coordinator.token))).toBe('FORBIDDEN');
    expect((await server.ok(ME, {}, token)).me.mustChangePassword).toBe(false);
  });
});

describe('last sign-in', () => {
  it('is recorded at each sign-in and shown to admins', async () => {
    const user = await newUser();
    const before = await server.ok(`query { users(first: 100) { edges { node { id lastSignedInAt } } } }`);
    const listed = (data: typeof before) =>
      data.users.edges.find((edge: { node: { id: string } }) => edge.node.id === user.id).node.lastSignedInAt;
    expect(listed(before)).toBeNull();
    const startedAt = Date.now();
    const signedIn = await server.ok(LOGIN, { e: user.email, p: PASSWORD }, '');
    const at = new Date(signedIn.login.user.lastSignedInAt).getTime();
    expect(at).toBeGreaterThanOrEqual(startedAt - 1000);
    const after = await server.ok(`query { users(first: 100) { edges { node { id lastSignedInAt } } } }`);
    expect(new Date(listed(after)).getTime()).toBe(at);
  });
});

describe('disableUser', () => {
  it('never disables the last active admin, even when two admins disable each other at once', async () => {
    const other = await server.userWithRole(Role.ADMIN);
    const me = (await server.ok(ME)).me;
    const DISABLE = `mutation($id: ID!) { disableUser(id: $id) { id } }`;
    const results = await Promise.all([
      asAdmin(DISABLE, { id: other.id }),
      server.gql(DISABLE, { id: me.id }, other.token),
    ]);
    const active = await server.dataSource.query(`SELECT id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL`);
    expect(active.length).toBeGreaterThanOrEqual(1);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    // Whichever lost, the other admin is still signed in and may re-enable.
    const winner = results[0].errors ? other.token : server.adminToken;
    await server.ok(
      `mutation($id: ID!) { enableUser(id: $id) { id } }`,
      { id: results[0].errors ? me.id : other.id },
      winner,
    );
  });
});
