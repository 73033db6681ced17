import { describe, expect, it } from 'vitest';
import { buildState } from './buildProgress';

describe('a report build in words', () => {
  it("gives the server's stage and the percentage while it builds", () => {
    expect(buildState({ version: 3, status: 'BUILDING', progress: 30, stage: 'Checking consent' })).toEqual({
      value: 30,
      text: 'Building version 3: Checking consent (30 %)',
      done: false,
      failed: false,
    });
  });

  it('says what a ready version holds, and how many quotes consent left out', () => {
    const ready = {
      version: 2,
      status: 'READY' as const,
      progress: 100,
      stage: 'Built',
      figureCount: 412,
      quoteCount: 1,
    };
    expect(buildState({ ...ready, quotesLeftOut: 0 }).text).toBe('Version 2 is ready: 412 figures, 1 quote.');
    expect(buildState({ ...ready, quotesLeftOut: 2 })).toEqual({
      value: 100,
      text: 'Version 2 is ready: 412 figures, 1 quote, 2 left out: consent withdrawn.',
      done: true,
      failed: false,
    });
  });

  it('says a failed build failed, with what the server said, and not done', () => {
    const failed = buildState({ version: 4, status: 'FAILED', progress: 50, stage: 'The build failed; build again' });
    expect(failed).toMatchObject({ failed: true, done: false, value: 50 });
    expect(failed.text).toBe('Version 4 could not be built. The build failed; build again');
  });
});
