import { LIMITS } from '@chorus/shared';

/** Hostile documents an anonymous caller can send; the limits bench and tests share them. */

/** Each fragment spreads the previous one twice: 21 levels expand to 2²¹ fields in under 900 bytes. */
export function fragmentBomb(levels = 21): string {
  const fragments = ['fragment F0 on Query { __typename }'];
  for (let level = 1; level <= levels; level++) {
    fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
  }
  return `query Bomb { ...F${levels} } ${fragments.join(' ')}`;
}

/** The same field over and over in one selection set, staying under the token cap. */
export function duplicationFlood(times = LIMITS.queryTokens - 10): string {
  return `{ ${'__typename '.repeat(times)}}`;
}

/** Fields nested `levels` deep, e.g. to overflow a recursive walk. */
export function deepDocument(levels: number): string {
  return `{ themes { ${'children { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

/** About `bytes` of aliased fields: far past the token cap. */
export function megabyteDocument(bytes = 1_000_000): string {
  const field = (i: number) => `a${i}: __typename `;
  const parts: string[] = [];
  let size = 4;
  for (let i = 0; size < bytes; i++) {
    parts.push(field(i));
    size += field(i).length;
  }
  return `{ ${parts.join('')}}`;
}
