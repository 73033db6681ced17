import { Prompt } from './enums.js';
import { PROMPT_QUESTIONS } from './labels.js';
import { LIMITS, PARTICIPANT_CODE_ALPHABET, PARTICIPANT_CODE_LENGTH } from './limits.js';

describe('the participant code alphabet', () => {
  it('has no character that is misread on a handwritten form', () => {
    for (const ambiguous of '0O1IL2Z5S8B') expect(PARTICIPANT_CODE_ALPHABET).not.toContain(ambiguous);
  });

  it('has upper-case letters and digits only, each once', () => {
    expect(PARTICIPANT_CODE_ALPHABET).toMatch(/^[A-Z0-9]+$/);
    expect(new Set(PARTICIPANT_CODE_ALPHABET).size).toBe(PARTICIPANT_CODE_ALPHABET.length);
  });

  it('gives enough codes that one cannot be guessed', () => {
    expect(PARTICIPANT_CODE_LENGTH).toBe(6);
    expect(PARTICIPANT_CODE_ALPHABET.length ** PARTICIPANT_CODE_LENGTH).toBeGreaterThan(100_000_000);
  });
});

describe('PROMPT_QUESTIONS', () => {
  it('asks a question for every prompt, and for nothing else', () => {
    expect(Object.keys(PROMPT_QUESTIONS).sort()).toEqual(Object.values(Prompt).sort());
    for (const prompt of Object.values(Prompt)) {
      expect(PROMPT_QUESTIONS[prompt].trim()).toMatch(/\?$/);
    }
  });

  it('asks five different questions', () => {
    expect(new Set(Object.values(PROMPT_QUESTIONS)).size).toBe(Object.values(Prompt).length);
  });
});

describe('LIMITS', () => {
  it('are the documented abuse limits', () => {
    expect(LIMITS).toMatchObject({
      queryDepth: 10,
      aliases: 15,
      queryCost: 5_000,
      pageSizeMax: 100,
      batchSize: 500,
    });
    expect(LIMITS.pageSizeDefault).toBeLessThanOrEqual(LIMITS.pageSizeMax);
    // The body limit admits the largest documented batch, every character taking UTF-8's three bytes.
    expect(LIMITS.bodyBytes).toBeGreaterThan(LIMITS.batchSize * LIMITS.textLength * 3);
  });
});
