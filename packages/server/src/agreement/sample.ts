import type { Prompt } from '@chorus/shared';

/** A response that may be drawn, and the prompt it answers (the stratum). */
export interface FrameRow {
  id: string;
  prompt: Prompt;
}

/** The largest seed: seeds are 31-bit so they travel as a GraphQL Int. */
export const MAX_SEED = 2_147_483_647;

/** mulberry32: a small, well-mixed 32-bit generator, so one seed gives one sequence everywhere. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stratified random sample: within each prompt, `percentage` of its responses rounded up (so
 * a prompt with any response is represented), chosen by a seeded shuffle of the stratum in id
 * order. The same frame, percentage and seed always give the same sample.
 */
export function drawSample(frame: readonly FrameRow[], percentage: number, seed: number): string[] {
  const strata = new Map<Prompt, string[]>();
  for (const row of frame) {
    const stratum = strata.get(row.prompt);
    if (stratum) stratum.push(row.id);
    else strata.set(row.prompt, [row.id]);
  }
  const random = generator(seed);
  const chosen: string[] = [];
  for (const prompt of [...strata.keys()].sort()) {
    const ids = strata.get(prompt)!.sort();
    const take = Math.ceil((ids.length * percentage) / 100);
    // A partial Fisher–Yates shuffle: the first `take` places are a uniform draw without replacement.
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    chosen.push(...ids.slice(0, take));
  }
  return chosen;
}
