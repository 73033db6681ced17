import { FiguresCache } from './figures-cache';

interface Figures {
  version: bigint;
  responses: number;
}

const figures = (version: bigint, responses: number): Figures => ({ version, responses });

const counted = (version: bigint, responses: number) => () => Promise.resolve(figures(version, responses));

/** A count that finishes when the test says so, recording how many ran at once. */
function counter() {
  const releases: (() => void)[] = [];
  const state = { started: 0, running: 0, mostAtOnce: 0 };
  const count = (result: Figures) => async () => {
    state.started++;
    state.running++;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
    await new Promise<void>((resolve) => releases.push(resolve));
    state.running--;
    return result;
  };
  const releaseAll = async () => {
    while (releases.length) releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { state, count, releaseAll };
}

describe('FiguresCache', () => {
  it('counts once for identical concurrent requests and serves the rest from that count', async () => {
    const cache = new FiguresCache<Figures>();
    const { state, count, releaseAll } = counter();
    const answers = Array.from({ length: 10 }, () => cache.get('all', 3n, count(figures(3n, 7))));
    await releaseAll();
    expect((await Promise.all(answers)).map((f) => f.responses)).toEqual(Array(10).fill(7));
    expect(state.started).toBe(1);
    expect((await cache.get('all', 3n, count(figures(3n, 99)))).responses).toBe(7);
    expect(state.started).toBe(1);
  });

  it('counts again once the version moves past what it holds', async () => {
    const cache = new FiguresCache<Figures>();
    await cache.get('all', 1n, counted(1n, 5));
    expect((await cache.get('all', 2n, counted(2n, 6))).responses).toBe(6);
    // A caller who read an older version may have the newer committed figures.
    expect((await cache.get('all', 1n, counted(1n, 5))).responses).toBe(6);
  });

  it('keeps nothing from a count that failed', async () => {
    const cache = new FiguresCache<Figures>();
    await expect(cache.get('all', 1n, () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect((await cache.get('all', 1n, counted(1n, 4))).responses).toBe(4);
  });

  it('runs at most its concurrency of different counts at once and queues the rest', async () => {
    const cache = new FiguresCache<Figures>(500, 2);
    const { state, count, releaseAll } = counter();
    const answers = Array.from({ length: 6 }, (_, i) => cache.get(`filter ${i}`, 1n, count(figures(1n, i))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.running).toBe(2);
    while (state.started < 6 || state.running > 0) await releaseAll();
    expect((await Promise.all(answers)).map((f) => f.responses)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state.mostAtOnce).toBe(2);
  });

  it('forgets the least recently used filter beyond its capacity', async () => {
    const cache = new FiguresCache<Figures>(2);
    await cache.get('a', 1n, counted(1n, 1));
    await cache.get('b', 1n, counted(1n, 2));
    await cache.get('a', 1n, counted(1n, 0)); // a is used again
    await cache.get('c', 1n, counted(1n, 3)); // b goes
    expect((await cache.get('a', 1n, counted(1n, 0))).responses).toBe(1);
    expect((await cache.get('b', 1n, counted(1n, 20))).responses).toBe(20);
  });
});
