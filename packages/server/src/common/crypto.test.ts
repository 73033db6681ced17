import { randomBytes } from 'node:crypto';
import { decrypt, deriveKey, encrypt, hmac, hmacDigester } from './crypto';

const key = deriveKey(randomBytes(48), 'contact');

describe('encrypt and decrypt', () => {
  it.each(['', 'Priya Sharma, 07700 900123', 'priya@example.org', 'Ŝtoke-on-Trent ☕ 漢字', 'x'.repeat(10_000)])(
    'round-trips %j',
    (plaintext) => {
      expect(decrypt(key, encrypt(key, plaintext))).toBe(plaintext);
    },
  );

  it('does not carry the plaintext in the sealed bytes', () => {
    const sealed = encrypt(key, 'priya@example.org');
    expect(sealed.toString('latin1')).not.toContain('priya');
  });

  it('uses a fresh nonce every time', () => {
    const sealed = Array.from({ length: 50 }, () => encrypt(key, 'same words'));
    expect(new Set(sealed.map((s) => s.toString('hex'))).size).toBe(50);
    expect(new Set(sealed.map((s) => s.subarray(0, 12).toString('hex'))).size).toBe(50);
  });

  it.each([
    ['the nonce', 0],
    ['the tag', 12],
    ['the ciphertext', 28],
  ])('detects tampering with %s', (_part, index) => {
    const sealed = encrypt(key, 'Priya Sharma');
    const tampered = Buffer.from(sealed);
    tampered.writeUInt8(tampered.readUInt8(index) ^ 0x01, index);
    expect(() => decrypt(key, tampered)).toThrow();
  });

  it('detects truncation', () => {
    const sealed = encrypt(key, 'Priya Sharma');
    expect(() => decrypt(key, sealed.subarray(0, sealed.length - 1))).toThrow();
  });

  it('refuses to decrypt under another key', () => {
    const sealed = encrypt(key, 'Priya Sharma');
    expect(() => decrypt(deriveKey(randomBytes(48), 'contact'), sealed)).toThrow();
  });
});

describe('deriveKey', () => {
  it('gives the same 32-byte key for the same secret and purpose, and different keys otherwise', () => {
    const secret = randomBytes(48);
    expect(deriveKey(secret, 'contact')).toHaveLength(32);
    expect(deriveKey(secret, 'contact').equals(deriveKey(secret, 'contact'))).toBe(true);
    expect(deriveKey(secret, 'contact').equals(deriveKey(secret, 'session'))).toBe(false);
    expect(deriveKey(secret, 'contact').equals(deriveKey(randomBytes(48), 'contact'))).toBe(false);
  });

  it('keeps purposes apart: what one key seals, another cannot open', () => {
    const secret = randomBytes(48);
    const sealed = encrypt(deriveKey(secret, 'contact'), 'Priya Sharma');
    expect(() => decrypt(deriveKey(secret, 'session'), sealed)).toThrow();
  });
});

describe('hmacDigester', () => {
  const digest = hmacDigester(key);

  it.each(['', 'priya sharma', "o'brien", 'zoë łukasz 漢字', 'x'.repeat(1_023), 'y'.repeat(1_024), 'z'.repeat(5_000)])(
    'gives the same digest as hmac for %#',
    (value) => {
      expect(digest(value)).toBe(hmac(key, value).toString('latin1'));
    },
  );

  it('gives the same digests called many times in a row, longer and shorter values mixed', () => {
    for (const value of ['jane smith', 'li', 'jane smith', 'a much longer sequence of words', 'li']) {
      expect(digest(value)).toBe(hmac(key, value).toString('latin1'));
    }
  });
});
