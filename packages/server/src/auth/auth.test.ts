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

  it('answers RATE_LIMITED after 10 failed sign-ins for an email, even with the right password', async () => {
    const user = await newUser();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(codeOf(await login(user.email, `wrong-password-${attempt}`))).toBe('UNAUTHENTICATED');
    }
    const throttled = await login(user.email, PASSWORD);
    expect(codeOf(throttled)).toBe('RATE_LIMITED');
    expect(throttled.data ?? null).toBeNull();
    // Only that email is braked: others still sign in.
    expect(codeOf(await login(ADMIN_EMAIL, PASSWORD))).toBeUndefined();
  });

  it('throttles an unknown email the same way, so throttling does not reveal who has an account', async () => {
    const email = 'no-such-person@test.chorus';
    for (let attempt = 1; attempt <= 10; attempt++) expect(codeOf(await login(email, 'guess'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(email, 'guess'))).toBe('RATE_LIMITED');
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
});

describe('bad tokens', () => {
  /** A real token with one part changed: the claims re-encoded to name another user, signature kept. */
  async function forgedTokens(): Promise<string[]> {
    const user = await newUser();
    const token = await server.login(user.email, PASSWORD);
    const [body, signature] = token.slice('cs_'.length).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, number, number];
    const asAdmin = Buffer.from(JSON.stringify([(await server.ok(ME)).me.id, claims[1], claims[2]])).toString(
      'base64url',
    );
    const longer = Buffer.from(JSON.stringify([claims[0], claims[1] + 86_400 * 365, claims[2]])).toString('base64url');
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
