import { hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('uses argon2id at the OWASP baseline (19 MiB, 2 passes, 1 lane)', async () => {
    const stored = await hashPassword('a-long-test-password');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(stored, 'a-long-test-password')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'a-long-test-passwore')).resolves.toBe(false);
  });

  it('treats a malformed stored hash as a wrong password, not an error', async () => {
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
