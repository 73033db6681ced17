import { hmac, safeEqual } from '../common/crypto.js';

const PREFIX = 'cs_';

export interface SessionClaims {
  /** The `user_sessions` row: ending it ends the token. */
  sessionId: string;
  userId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** The password's change time when the token was issued; a later change invalidates the token. */
  passwordChangedAt: number;
}

/** A staff session token: `cs_<claims>.<signature>`, both base64url; stateless, so any API instance verifies it. */
export function signSessionToken(key: Buffer, claims: SessionClaims): string {
  const body = Buffer.from(
    JSON.stringify([claims.userId, claims.expiresAt, claims.passwordChangedAt, claims.sessionId]),
  ).toString('base64url');
  return `${PREFIX}${body}.${hmac(key, body).toString('base64url')}`;
}

export function isSessionToken(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** The claims of a well-signed token, or null; expiry is the caller's to check. */
export function readSessionToken(key: Buffer, token: string): SessionClaims | null {
  const [body, signature] = token.slice(PREFIX.length).split('.');
  if (!body || !signature) return null;
  if (!safeEqual(hmac(key, body), Buffer.from(signature, 'base64url'))) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(claims)) return null;
    const [userId, expiresAt, passwordChangedAt, sessionId] = claims as unknown[];
    if (
      typeof userId !== 'string' ||
      typeof expiresAt !== 'number' ||
      typeof passwordChangedAt !== 'number' ||
      typeof sessionId !== 'string'
    )
      return null;
    return { sessionId, userId, expiresAt, passwordChangedAt };
  } catch {
    return null;
  }
}
