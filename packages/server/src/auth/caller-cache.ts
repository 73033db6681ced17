import type { Caller } from '../access/caller.js';

/** What a valid token stands for, as last read from the database. */
export interface TokenHolder {
  caller: Caller;
  /** For session tokens: the password's change time (epoch seconds) the token must carry. */
  passwordChangedAt?: number;
}

export interface CallerCacheOptions {
  /** How often every remembered token is re-checked against the database, in one query per kind. */
  revalidateMs: number;
  /** A token not re-checked for this long is read again on its next request: the revocation bound. */
  maxStaleMs: number;
  /** Tokens unused for this long are forgotten. */
  idleMs: number;
  /** At most this many tokens are remembered; beyond it a request reads the database as before. */
  maxEntries: number;
}

/** Revocation takes effect within about a second on every instance, and within `maxStaleMs` at worst. */
export const DEFAULT_CALLER_CACHE: CallerCacheOptions = {
  revalidateMs: 1_000,
  maxStaleMs: 5_000,
  idleMs: 120_000,
  maxEntries: 10_000,
};

/** Of these keys, the holders still valid, freshly read; a key left out was revoked. */
export type Recheck = (keys: string[]) => Promise<Map<string, TokenHolder>>;

interface Entry {
  holder: TokenHolder;
  /** When the database last confirmed it (the start of that query). */
  checkedAt: number;
  usedAt: number;
}

/**
 * Remembers who each token belongs to, so a request authenticates without a query. Every
 * `revalidateMs` one query per kind of token re-reads all remembered ones: a logout, a disabled
 * user, a changed password or a revoked key on any instance drops the token from every
 * instance's cache at its next round. If a round fails (database unreachable), entries older
 * than `maxStaleMs` are read again on use, so a revocation never outlives that bound. Changes made
 * through this instance also evict at once.
 */
export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<TokenHolder | null>>();
  /** Bumped by every eviction: a load that began before one does not store what it read. */
  private generation = 0;

  constructor(private readonly options: CallerCacheOptions = DEFAULT_CALLER_CACHE) {}

  /** The holder of `key`, from memory while fresh, otherwise through `load` (concurrent misses share it). */
  async get(key: string, load: () => Promise<TokenHolder | null>): Promise<TokenHolder | null> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.checkedAt <= this.options.maxStaleMs) {
      entry.usedAt = now;
      return entry.holder;
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const loaded = load()
      .then((holder) => {
        if (holder && generation === this.generation && this.entries.size < this.options.maxEntries) {
          this.entries.set(key, { holder, checkedAt: now, usedAt: now });
        } else if (!holder) this.entries.delete(key);
        return holder;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forgets every token whose holder matches, e.g. a user just disabled through this instance. */
  evict(matches: (caller: Caller) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (matches(entry.holder.caller)) this.entries.delete(key);
  }

  /** The keys used since `since` (epoch ms), e.g. to record when an API key was last used. */
  usedSince(since: number, prefix: string): string[] {
    return [...this.entries].filter(([key, entry]) => key.startsWith(prefix) && entry.usedAt >= since).map(([k]) => k);
  }

  /** One round: drops idle tokens, re-reads the rest, drops those no longer valid. */
  async revalidate(recheck: Recheck): Promise<void> {
    const startedAt = Date.now();
    for (const [key, entry] of this.entries)
      if (startedAt - entry.usedAt > this.options.idleMs) this.entries.delete(key);
    if (!this.entries.size) return;
    const keys = [...this.entries.keys()];
    const fresh = await recheck(keys);
    for (const key of keys) {
      const entry = this.entries.get(key);
      // Gone meanwhile, or read again after this round's query began: nothing newer to learn.
      if (!entry || entry.checkedAt > startedAt) continue;
      const holder = fresh.get(key);
      if (holder) Object.assign(entry, { holder, checkedAt: startedAt });
      else this.entries.delete(key);
    }
  }

  /** Re-checks every `revalidateMs` until the returned function is called. */
  start(recheck: Recheck, onError: (error: unknown) => void): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const round = () => {
      timer = setTimeout(() => {
        this.revalidate(recheck)
          .catch(onError)
          .finally(() => {
            if (!stopped) round();
          });
      }, this.options.revalidateMs);
      timer.unref();
    };
    round();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}
