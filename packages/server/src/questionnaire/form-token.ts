import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, hmac, safeEqual } from '../common/crypto.js';

/** How long a questionnaire form stays usable after its first page was served. */
const TOKEN_LIFETIME_MS = 6 * 60 * 60 * 1000;

export interface FormToken {
  /** When the first page was served (epoch ms): the minimum-time check counts from here. */
  issuedAt: number;
  /** Random per form: the submission's idempotency key, so a double submit is stored once. */
  nonce: string;
}

/**
 * The signed token every questionnaire form carries: `<issuedAt>.<nonce>.<signature>`, the
 * signature an HMAC over both and the device cookie. A page of another site cannot read the
 * cookie or a token bound to it, so it cannot post a form for a visitor (CSRF); a token cannot be
 * back-dated to pass the time check; and it is the key a retry is recognised by.
 */
export class FormTokens {
  constructor(private readonly key: Buffer) {}

  issue(device: string, issuedAt = Date.now()): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${issuedAt}.${nonce}.${this.sign(device, issuedAt, nonce)}`;
  }

  /** The token's facts if it is ours, bound to this device and not expired; otherwise null. */
  verify(token: unknown, device: string | undefined, now = Date.now()): FormToken | null {
    if (typeof token !== 'string' || !device) return null;
    const match = /^(\d{13})\.([\w-]{22})\.([\w-]{43})$/.exec(token);
    if (!match) return null;
    const issuedAt = Number(match[1]);
    const nonce = match[2]!;
    const expected = Buffer.from(this.sign(device, issuedAt, nonce));
    if (!safeEqual(Buffer.from(match[3]!), expected)) return null;
    if (issuedAt > now + 60_000 || now - issuedAt > TOKEN_LIFETIME_MS) return null;
    return { issuedAt, nonce };
  }

  private sign(device: string, issuedAt: number, nonce: string): string {
    return hmac(this.key, `${device}.${issuedAt}.${nonce}`).toString('base64url');
  }
}

/** A new device cookie's value: random, meaningless outside the rate limits and tokens it keys. */
export const newDeviceId = () => randomBytes(16).toString('base64url');

/**
 * The code and secret on their way to the page that shows them (POST/redirect/GET), sealed with
 * AES-GCM in a short-lived cookie: never in the URL, never stored.
 */
export class ReceiptSeal {
  constructor(private readonly key: Buffer) {}

  seal(value: object): string {
    return encrypt(this.key, JSON.stringify(value)).toString('base64url');
  }

  open<T>(sealed: string | undefined): T | null {
    if (!sealed) return null;
    try {
      return JSON.parse(decrypt(this.key, Buffer.from(sealed, 'base64url'))) as T;
    } catch {
      return null;
    }
  }
}
