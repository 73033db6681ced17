import { PARTICIPANT_CODE_ALPHABET } from '@chorus/shared';
import { newParticipantCode, normaliseParticipantCode } from './codes';

const codes = Array.from({ length: 10_000 }, () => newParticipantCode());

describe('participant codes', () => {
  it('are six characters from the code alphabet', () => {
    const shape = new RegExp(`^[${PARTICIPANT_CODE_ALPHABET}]{6}$`);
    expect(codes.filter((code) => !shape.test(code))).toEqual([]);
  });

  it('never use characters that are misread on paper', () => {
    expect(codes.filter((code) => /[0O1IL2Z5S8B]/.test(code))).toEqual([]);
    expect(codes.join('')).toMatch(/^[A-Z0-9]+$/);
  });

  it('are almost all different across 10,000 draws', () => {
    expect(new Set(codes).size).toBeGreaterThanOrEqual(9_990);
  });

  it('use the whole alphabet, roughly evenly', () => {
    const counts = new Map<string, number>();
    for (const char of codes.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = (codes.length * 6) / PARTICIPANT_CODE_ALPHABET.length;
    for (const char of PARTICIPANT_CODE_ALPHABET) {
      expect(counts.get(char) ?? 0).toBeGreaterThan(expected * 0.8);
      expect(counts.get(char) ?? 0).toBeLessThan(expected * 1.2);
    }
  });
});

describe('normaliseParticipantCode', () => {
  it.each([
    ['ac d-e7', 'ACDE7'],
    ['  k7m-9px ', 'K7M9PX'],
    ['K7M9PX', 'K7M9PX'],
    ['k7m 9px', 'K7M9PX'],
    ['K7M\t9PX\n', 'K7M9PX'],
    ['k-7-m-9-p-x', 'K7M9PX'],
  ])('reads %j as %s', (typed, code) => {
    expect(normaliseParticipantCode(typed)).toBe(code);
  });

  it('gives back a generated code unchanged', () => {
    for (const code of codes.slice(0, 100)) expect(normaliseParticipantCode(code)).toBe(code);
    const first = codes[0]!;
    expect(normaliseParticipantCode(first.toLowerCase())).toBe(first);
  });
});
