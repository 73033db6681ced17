import { describe, expect, it } from 'vitest';
import { describeRun } from './runOutcome';

describe('a scheduled run in words', () => {
  it('says how many people changed against how many are needed, in plain English', () => {
    expect(describeRun({ outcome: 'HELD', changedPeople: 3 }, 10)).toBe(
      'Held: 3 people changed since the last release; at least 10 needed',
    );
    expect(describeRun({ outcome: 'HELD', changedPeople: 1 }, 10)).toBe(
      'Held: 1 person changed since the last release; at least 10 needed',
    );
  });

  it('names the release it built, and says why one was skipped', () => {
    expect(describeRun({ outcome: 'PUBLISHED', changedPeople: 12, release: { version: 5 } }, 10)).toBe(
      'Built release 5: 12 people changed since the last release',
    );
    expect(describeRun({ outcome: 'PUBLISHED', changedPeople: null, release: { version: 1 } }, 10)).toBe(
      'Built release 1, the first',
    );
    expect(describeRun({ outcome: 'UNCHANGED', changedPeople: 0 }, 10)).toBe(
      'Skipped: no figure changed since the last release',
    );
  });
});
