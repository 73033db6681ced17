import { randomInt } from 'node:crypto';
import { PARTICIPANT_CODE_ALPHABET, PARTICIPANT_CODE_LENGTH } from '@chorus/shared';

/** A random printable code: 25^6 ≈ 244 million, drawn with a CSPRNG so codes cannot be guessed in sequence. */
export function newParticipantCode(): string {
  let code = '';
  for (let i = 0; i < PARTICIPANT_CODE_LENGTH; i++)
    code += PARTICIPANT_CODE_ALPHABET[randomInt(PARTICIPANT_CODE_ALPHABET.length)];
  return code;
}

/** Reads a code as typed from a paper form: any case, spaces and dashes ignored. */
export function normaliseParticipantCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
