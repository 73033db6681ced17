import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The outcome of charging a key: what its window has spent (this charge included unless refused). */
export interface Spend {
  refused: boolean;
  consumed: number;
  msBeforeNext: number;
}

/** Points per fixed window per key, spent by requests; a refused charge spends nothing. */
export interface BudgetCounter {
  spend(key: string, cost: number): Promise<Spend>;
  close(): Promise<void>;
}

/** A counter answered by the store on every charge (Redis, or one process's memory). */
export function storeCounter(limiter: RateLimiterAbstract): BudgetCounter {
  return {
    async spend(key, cost) {
      try {
        const state = await limiter.consume(key, cost);
        return { refused: false, consumed: state.consumedPoints, msBeforeNext: state.msBeforeNext };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        // A refused request spends nothing: the budget it could not afford stays for smaller ones.
        await limiter.reward(key, cost);
        return { refused: true, consumed: refusal.consumedPoints - cost, msBeforeNext: refusal.msBeforeNext };
      }
    },
    close: () => Promise.resolve(),
  };
}

/** Adds each key's points to the shared store and returns every key's window as the store now has it. */
export type SyncSpend = (
  spent: { key: string; points: number }[],
  windowMs: number,
) => Promise<{ key: string; points: number; expire: number }[]>;

interface KeyState {
  /** What the store had spent in this window at the last sync, every instance included. */
  shared: number;
  /** Spent here since the last sync. */
  pending: number;
  /** When the window ends (epoch ms), as the store decided it. */
  windowEnd: number;
}

export interface BatchedCounterOptions {
  points: number;
  windowMs: number;
  /** How often this instance adds its spend to the store and learns the others'. */
  syncMs: number;
  onSyncError: (error: unknown) => void;
}

/**
 * Charges in memory and settles with the shared store once per `syncMs`, in one statement for
 * every key, so a request costs no query while the limit still holds across instances. The
 * limit can be exceeded by what the other instances admit for one key between two syncs (at most
 * about one second of that key's traffic on each other instance); on one instance it is exact.
 */
export class BatchedCounter implements BudgetCounter {
  private readonly keys = new Map<string, KeyState>();
  private readonly timer: NodeJS.Timeout;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly sync: SyncSpend,
    private readonly options: BatchedCounterOptions,
  ) {
    this.timer = setInterval(() => void this.flush().catch(options.onSyncError), options.syncMs);
    this.timer.unref();
  }

  spend(key: string, cost: number): Promise<Spend> {
    const now = Date.now();
    let state = this.keys.get(key);
    if (!state || state.windowEnd <= now) {
      // A new window: what the old one spent no longer counts, here or (once expired) in the store.
      state = { shared: 0, pending: 0, windowEnd: now + this.options.windowMs };
      this.keys.set(key, state);
    }
    const consumed = state.shared + state.pending;
    const msBeforeNext = state.windowEnd - now;
    if (consumed + cost > this.options.points) return Promise.resolve({ refused: true, consumed, msBeforeNext });
    state.pending += cost;
    return Promise.resolve({ refused: false, consumed: consumed + cost, msBeforeNext });
  }

  /** Settles every key's spend with the store now (one statement); one settlement at a time. */
  flush(): Promise<void> {
    this.syncing ??= this.settle().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async settle(): Promise<void> {
    const now = Date.now();
    for (const [key, state] of this.keys) if (state.windowEnd <= now && !state.pending) this.keys.delete(key);
    if (!this.keys.size) return;
    const sent = [...this.keys].map(([key, state]) => ({ key, points: state.pending }));
    const rows = await this.sync(sent, this.options.windowMs);
    const stored = new Map(rows.map((row) => [row.key, row]));
    for (const { key, points } of sent) {
      const state = this.keys.get(key);
      const row = stored.get(key);
      if (!state || !row) continue;
      // Charges made while the statement ran stay pending for the next sync.
      state.pending -= points;
      state.shared = row.points;
      state.windowEnd = row.expire;
    }
  }
}
