import { randomBytes } from 'node:crypto';
import { hmac } from '../common/crypto';
import { isSessionToken, readSessionToken, signSessionToken, type SessionClaims } from './tokens';

const key = randomBytes(32);
const claims: SessionClaims = {
  sessionId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  userId: '3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b',
  expiresAt: 1_781_000_000,
  passwordChangedAt: 1_750_000_000,
};

/** Replaces one base64url character so the decoded bytes change. */
function flipChar(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('session tokens', () => {
  it('read back the claims they were signed with', () => {
    const token = signSessionToken(key, claims);
    expect(isSessionToken(token)).toBe(true);
    expect(readSessionToken(key, token)).toEqual(claims);
  });

  it('are refused when the body is tampered with', () => {
    const token = signSessionToken(key, claims);
    const [body, signature] = token.slice(3).split('.') as [string, string];
    expect(readSessionToken(key, `cs_${flipChar(body, 5)}.${signature}`)).toBeNull();

    // A well-formed body for another user, with the original signature.
    const other = Buffer.from(
      JSON.stringify(['00000000-0000-4000-8000-000000000000', claims.expiresAt, claims.passwordChangedAt]),
    ).toString('base64url');
    expect(readSessionToken(key, `cs_${other}.${signature}`)).toBeNull();

    // Pushing the expiry out, with the original signature.
    const later = Buffer.from(
      JSON.stringify([claims.userId, claims.expiresAt + 86_400 * 365, claims.passwordChangedAt]),
    ).toString('base64url');
    expect(readSessionToken(key, `cs_${later}.${signature}`)).toBeNull();
  });

  it('are refused when the signature is tampered with, shortened or missing', () => {
    const token = signSessionToken(key, claims);
    const [body, signature] = token.slice(3).split('.') as [string, string];
    expect(readSessionToken(key, `cs_${body}.${flipChar(signature, 0)}`)).toBeNull();
    expect(readSessionToken(key, `cs_${body}.${signature.slice(0, -2)}`)).toBeNull();
    expect(readSessionToken(key, `cs_${body}.`)).toBeNull();
    expect(readSessionToken(key, `cs_${body}`)).toBeNull();
  });

  it('are refused under another key', () => {
    const token = signSessionToken(key, claims);
    expect(readSessionToken(randomBytes(32), token)).toBeNull();
  });

  it('refuse a validly signed body that does not hold claims', () => {
    for (const payload of ['{"userId":"x"}', '["x","tomorrow",1]', 'not json']) {
      const body = Buffer.from(payload).toString('base64url');
      expect(readSessionToken(key, `cs_${body}.${hmac(key, body).toString('base64url')}`)).toBeNull();
    }
  });

  it('are told apart from API keys and garbage', () => {
    expect(isSessionToken('ck_abcdef')).toBe(false);
    expect(readSessionToken(key, 'garbage')).toBeNull();
    expect(readSessionToken(key, '')).toBeNull();
  });

  it('differ per user and expiry', () => {
    const token = signSessionToken(key, claims);
    expect(signSessionToken(key, { ...claims, userId: 'someone-else' })).not.toBe(token);
    expect(signSessionToken(key, { ...claims, expiresAt: claims.expiresAt + 1 })).not.toBe(token);
  });
});
