import { Role } from '@chorus/shared';
import { ADMIN_EMAIL, codeOf, fieldOf, PASSWORD, TestServer } from '../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { id email role } } }`;
const ME = `query { me { id email role } }`;
const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`;
const NEW_PASSWORD = 'a-different-long-password';

/** A fresh user (so throttling and password changes touch no other test); returns email and id. */
async function newUser(role = Role.ANALYST): Promise<{ email: string; id: string }> {
  const email = `${server.unique('person').replace(' ', '-')}@test.chorus`;
  const data = await server.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
    i: { email, displayName: 'Test person', role, password: PASSWORD },
  });
  return { email, id: data.createUser.id };
}

const login = (email: string, password: string) => server.gql(LOGIN, { e: email, p: password });

describe('login', () => {
  it('signs a user in with the right password and returns a working token', async () => {
    const user = await newUser(Role.COORDINATOR);
    const result = await login(user.email.toUpperCase(), PASSWORD);
    expect(result.errors).toBeUndefined();
    const { token, expiresAt, user: signedIn } = result.data.login;
    expect(signedIn).toEqual({ id: user.id, email: user.email, role: 'COORDINATOR' });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await server.ok(ME, {}, token);
    expect(me.me).toEqual({ id: user.id, email: user.email, role: 'COORDINATOR' });
  });

  it('refuses a wrong password and an unknown email alike: UNAUTHENTICATED, same message', async () => {
    const user = await newUser();
    const wrongPassword = await login(user.email, 'not-the-password-at-all');
    const unknownEmail = await login('nobody-here@test.chorus', PASSWORD);
    for (const result of [wrongPassword, unknownEmail]) {
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
    expect(unknownEmail.errors![0]!.message).toBe(wrongPassword.errors![0]!.message);
  });
});

describe('me', () => {
  it('is the signed-in user, and null for an API key or an anonymous caller', async () => {
    const organisationId = await server.createOrganisation();
    const partner = await server.userWithRole(Role.PARTNER, organisationId);
    const me = await server.ok(`query { me { id role organisation { id } } }`, {}, partner.token);
    expect(me.me).toEqual({ id: partner.id, role: 'PARTNER', organisation: { id: organisationId } });
    expect((await server.ok(ME, {}, await server.apiKey(Role.PARTNER, organisationId))).me).toBeNull();
    expect((await server.ok(ME, {}, '')).me).toBeNull();
  });
});

describe('changePassword', () => {
  it('ends every session token issued before; the new password signs in, the old one does not', async () => {
    const user = await newUser();
    const first = await server.login(user.email, PASSWORD);
    const second = await server.login(user.email, PASSWORD);
    const changed = await server.gql(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD }, first);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.changePassword.id).toBe(user.id);

    for (const oldToken of [first, second]) expect(codeOf(await server.gql(ME, {}, oldToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(user.email, PASSWORD))).toBe('UNAUTHENTICATED');
    const fresh = await server.login(user.email, NEW_PASSWORD);
    expect((await server.ok(ME, {}, fresh)).me.id).toBe(user.id);
  });

  it('refuses a wrong current password (BAD_USER_INPUT on currentPassword) and keeps the token working', async () => {
    const user = await newUser();
    const token = await server.login(user.email, PASSWORD);
    const result = await server.gql(CHANGE_PASSWORD, { c: 'not-my-password', n: NEW_PASSWORD }, token);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('currentPassword');
    expect((await server.ok(ME, {}, token)).me.id).toBe(user.id);
    expect(codeOf(await login(user.email, NEW_PASSWORD))).toBe('UNAUTHENTICATED');
  });

  it('refuses an anonymous caller (UNAUTHENTICATED)', async () => {
    expect(codeOf(await server.gql(CHANGE_PASSWORD, { c: PASSWORD, n: NEW_PASSWORD }))).toBe('UNAUTHENTICATED');
  });

  it.each(['password1234', 'qwertyuiop123', 'aaaaaaaaaaaaaaaa'])(
    'refuses the easy-to-guess %s: BAD_USER_INPUT on newPassword, and the old password still works',
    async (weak) => {
      const user = await newUser();
      const token = await server.login(user.email, PASSWORD);
      const result = await server.gql(CHANGE_PASSWORD, { c: PASSWORD, n: weak }, token);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe('newPassword');
      expect(result.errors![0]!.message).toMatch(/too easy to guess/);
      expect(codeOf(await login(user.email, PASSWORD))).toBeUndefined();
    },
  );
});

describe('weak passwords on createUser', () => {
  it.each(['password1234', 'letmein12345', 'person-123@test.chorus'])(
    'refuses %s: BAD_USER_INPUT on password, and no user is created',
    async (weak) => {
      const email = 'person-123@test.chorus';
      const result = await server.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        {
          i: { email, displayName: 'Weak', role: 'ANALYST', password: weak },
        },
        server.adminToken,
      );
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe('password');
      expect(await server.count('users', 'email = $1', [email])).toBe(0);
    },
  );
});

const LOGOUT = `mutation { logout }`;

describe('logout', () => {
  it('ends the session of the token it is sent with, for good; other sessions go on', async () => {
    const user = await newUser();
    const ending = await server.login(user.email, PASSWORD);
    const other = await server.login(user.email, PASSWORD);
    expect((await server.ok(LOGOUT, {}, ending)).logout).toBe(true);
    expect(codeOf(await server.gql(ME, {}, ending))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(LOGOUT, {}, ending))).toBe('UNAUTHENTICATED');
    expect(await server.count('user_sessions', 'user_id = $1 AND ended_at IS NOT NULL', [user.id])).toBe(1);
    expect((await server.ok(ME, {}, other)).me.id).toBe(user.id);
    expect(await server.count('audit_events', `action = 'user.signed_out' AND entity_id = $1`, [user.id])).toBe(1);
  });

  it('is refused to an API key (FORBIDDEN) and to an anonymous caller (UNAUTHENTICATED)', async () => {
    const key = await server.apiKey(Role.COUNCIL_READER);
    expect(codeOf(await server.gql(LOGOUT, {}, key))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(LOGOUT))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(`query { areas { id } }`, {}, key))).toBeUndefined();
  });
});

describe('disabling users', () => {
  const DISABLE = `mutation($id: ID!) { disableUser(id: $id) { id disabledAt } }`;
  const ENABLE = `mutation($id: ID!) { enableUser(id: $id) { id disabledAt } }`;

  it('ends every session at once, refuses sign-in, and sessions stay ended when re-enabled', async () => {
    const user = await newUser();
    const tokens = [await server.login(user.email, PASSWORD), await server.login(user.email, PASSWORD)];
    const disabled = await server.ok(DISABLE, { id: user.id });
    expect(disabled.disableUser.disabledAt).not.toBeNull();
    for (const token of tokens) expect(codeOf(await server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(user.email, PASSWORD))).toBe('UNAUTHENTICATED');

    expect((await server.ok(ENABLE, { id: user.id })).enableUser.disabledAt).toBeNull();
    for (const token of tokens) expect(codeOf(await server.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    const fresh = await server.login(user.email, PASSWORD);
    expect((await server.ok(ME, {}, fresh)).me.id).toBe(user.id);
    const actions = await server.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action IN ('user.disabled', 'user.enabled') ORDER BY id`,
      [user.id],
    );
    expect(actions.map((row: { action: string }) => row.action)).toEqual(['user.disabled', 'user.enabled']);
  });

  it('is for admins only: a coordinator is FORBIDDEN and the user stays enabled', async () => {
    const user = await newUser();
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    const token = await server.login(user.email, PASSWORD);
    expect(codeOf(await server.gql(DISABLE, { id: user.id }, coordinator.token))).toBe('FORBIDDEN');
    expect((await server.ok(ME, {}, token)).me.id).toBe(user.id);
  });

  it('refuses an admin disabling themselves, and an unknown id (NOT_FOUND on id)', async () => {
    const adminId = (await server.ok(ME)).me.id;
    expect(codeOf(await server.gql(DISABLE, { id: adminId }, server.adminToken))).toBe('FORBIDDEN');
    const unknown = await server.gql(DISABLE, { id: '00000000-0000-4000-8000-000000000000' }, server.adminToken);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(fieldOf(unknown)).toBe('id');
  });
});

describe('bad tokens', () => {
  /** A real token with one part changed: the claims re-encoded to name another user, signature kept. */
  async function forgedTokens(): Promise<string[]> {
    const user = await newUser();
    const token = await server.login(user.email, PASSWORD);
    const [body, signature] = token.slice('cs_'.length).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, number, number, string];
    const asAdmin = Buffer.from(
      JSON.stringify([(await server.ok(ME)).me.id, claims[1], claims[2], claims[3]]),
    ).toString('base64url');
    const longer = Buffer.from(JSON.stringify([claims[0], claims[1] + 86_400 * 365, claims[2], claims[3]])).toString(
      'base64url',
    );
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    return [
      `cs_${asAdmin}.${signature}`,
      `cs_${longer}.${signature}`,
      `cs_${body}.${flipped}`,
      `cs_${body}`,
      `${token}x`,
    ];
  }

  it.each([
    ['garbage', 'garbage'],
    ['a session-token prefix with garbage', 'cs_garbage'],
    ['an API-key prefix with garbage', 'ck_thisIsNotAKeyChorusIssued0000000000000000'],
  ])('answers UNAUTHENTICATED to %s, rather than treating the caller as anonymous', async (_name, token) => {
    const result = await server.gql(ME, {}, token);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.data?.me ?? null).toBeNull();
  });

  it('answers UNAUTHENTICATED to a tampered session token (forged user, extended expiry, altered signature)', async () => {
    for (const token of await forgedTokens()) {
      const result = await server.gql(ME, {}, token);
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect(result.data?.me ?? null).toBeNull();
    }
  });

  it('answers UNAUTHENTICATED to an Authorization header that is not a bearer token', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${ADMIN_EMAIL}:${PASSWORD}`).toString('base64')}`,
      },
      body: JSON.stringify({ query: ME }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix lastUsedAt revokedAt } } }`;
  const API_KEYS = `query { apiKeys(first: 100) { edges { node { id label prefix lastUsedAt revokedAt } } } }`;

  async function createKey(): Promise<{ key: string; id: string; prefix: string; lastUsedAt: string | null }> {
    const data = await server.ok(CREATE, { i: { label: server.unique('Warehouse pull'), role: 'COUNCIL_READER' } });
    return { key: data.createApiKey.key, ...data.createApiKey.apiKey };
  }

  it('stops working the moment it is revoked: UNAUTHENTICATED, not anonymous', async () => {
    const { key, id } = await createKey();
    expect(codeOf(await server.gql(`query { areas { id } }`, {}, key))).toBeUndefined();
    const revoked = await server.ok(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id });
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    expect(codeOf(await server.gql(`query { areas { id } }`, {}, key))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(ME, {}, key))).toBe('UNAUTHENTICATED');
  });

  it('lists each key with its visible prefix and when it was last used, never the key itself', async () => {
    const { key, id, prefix, lastUsedAt } = await createKey();
    expect(lastUsedAt).toBeNull();
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(key.length / 2);

    const usedFrom = Date.now() - 60_000;
    await server.ok(`query { themeSummary { threshold } }`, {}, key);
    const data = await server.ok(API_KEYS);
    const listed = data.apiKeys.edges
      .map((edge: { node: { id: string } }) => edge.node)
      .find((node: { id: string }) => node.id === id);
    expect(listed).toMatchObject({ id, prefix, revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(new Date(listed.lastUsedAt).getTime()).toBeGreaterThanOrEqual(usedFrom);
    expect(JSON.stringify(data)).not.toContain(key);
  });

  it('is stored only as a hash: api_keys.key_hash is not the key, and no row holds the key', async () => {
    const { key, id } = await createKey();
    const [row] = await server.dataSource.query(`SELECT * FROM api_keys WHERE id = $1`, [id]);
    expect(Buffer.isBuffer(row.key_hash)).toBe(true);
    expect(row.key_hash.equals(Buffer.from(key))).toBe(false);
    expect(row.key_hash.includes(Buffer.from(key.slice(3)))).toBe(false);
    expect(JSON.stringify(row)).not.toContain(key.slice(3));
    expect(await server.count('audit_events', `details::text LIKE '%' || $1 || '%'`, [key.slice(3)])).toBe(0);
  });
});
