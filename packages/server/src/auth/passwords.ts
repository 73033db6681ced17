import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Argon2id is the library's default
// algorithm; its `Algorithm` is an ambient const enum, which per-file transpilers (ts-jest, tsx)
// cannot inline. passwords.test.ts checks the hashes are argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the email is unknown keeps sign-in time the same either way. */
export const DUMMY_HASH_PROMISE = hashPassword('chorus-timing-equaliser');
