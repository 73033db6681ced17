import { Prompt } from '@chorus/shared';
import { drawSample, type FrameRow } from './sample';

const frame: FrameRow[] = [
  ...Array.from({ length: 40 }, (_, i) => ({ id: `v-${String(i).padStart(2, '0')}`, prompt: Prompt.VALUES })),
  ...Array.from({ length: 7 }, (_, i) => ({ id: `c-${i}`, prompt: Prompt.CHALLENGES })),
  { id: 'f-0', prompt: Prompt.FUTURE },
];

describe('drawing a stratified sample', () => {
  it('takes the percentage of every prompt, rounded up, so each prompt with a response is represented', () => {
    const sample = drawSample(frame, 10, 42);
    expect(sample.filter((id) => id.startsWith('v-'))).toHaveLength(4);
    expect(sample.filter((id) => id.startsWith('c-'))).toHaveLength(1);
    expect(sample.filter((id) => id.startsWith('f-'))).toEqual(['f-0']);
    expect(new Set(sample).size).toBe(sample.length);
  });

  it('gives the same sample for the same seed whatever order the frame comes in, and another for another seed', () => {
    const again = drawSample([...frame].reverse(), 25, 7);
    expect(again).toEqual(drawSample(frame, 25, 7));
    expect(drawSample(frame, 25, 8)).not.toEqual(again);
  });

  it('takes everything at 100 %', () => {
    expect(drawSample(frame, 100, 1).sort()).toEqual(frame.map((row) => row.id).sort());
  });

  it('draws each response about equally often over many seeds (no position is favoured)', () => {
    const stratum = frame.filter((row) => row.prompt === Prompt.VALUES);
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed++) {
      for (const id of drawSample(stratum, 10, seed)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Expected 400 draws each (4000 × 4/40); a binomial's spread is about 19, so 320–480 is generous.
    for (const row of stratum) expect(counts.get(row.id)).toBeGreaterThan(320);
    for (const row of stratum) expect(counts.get(row.id)).toBeLessThan(480);
  });
});
