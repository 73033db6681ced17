/**
 * Figures already counted, per engagement and filter, with the version they were counted at.
 *
 * Why a hit is exact: every change to the facts bumps the engagement's version in the same
 * transaction, at commit (`aggregate_versions`). A caller reads the version first, then asks
 * here; figures counted at version v' ≥ v were read from a snapshot no older than the caller's
 * version read, and figures keep their version until a commit bumps it. So an entry whose
 * version is at least the caller's holds exactly what a fresh count would, or newer committed
 * figures. Uncommitted writes never reach an entry: counts run outside any caller's
 * transaction (the service bypasses this cache inside one).
 *
 * Identical requests that arrive while one is being counted wait for it (single flight), and at
 * most `concurrency` counts run at once per instance, so a burst of different filters queues
 * here instead of sharing two cores until every statement times out.
 */
export class FiguresCache<Figures extends { version: bigint }> {
  private readonly entries = new Map<string, Figures>();
  private readonly inFlight = new Map<string, Promise<Figures>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly capacity = 500,
    private readonly concurrency = 2,
  ) {}

  async get(key: string, version: bigint, count: () => Promise<Figures>): Promise<Figures> {
    const cached = this.entries.get(key);
    if (cached && cached.version >= version) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const flightKey = `${version}:${key}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) return pending;
    const counting = this.limited(count)
      .then((figures) => {
        this.store(key, figures);
        return figures;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, counting);
    return counting;
  }

  private store(key: string, figures: Figures): void {
    const current = this.entries.get(key);
    if (current && current.version > figures.version) return;
    this.entries.delete(key);
    this.entries.set(key, figures);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    // A finished count hands its slot straight to the next in line.
    if (this.running < this.concurrency) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
