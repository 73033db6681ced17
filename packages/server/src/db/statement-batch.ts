import type { EntityManager } from 'typeorm';

interface Queued {
  sql: string;
  params: unknown[];
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: unknown) => void;
}

/** `$1`, `$2`, … in a statement: ours carry no dollar-quoted strings, so every match is a parameter. */
const PLACEHOLDER = /\$(\d+)/g;

/**
 * Reads issued in the same moment of a request (the DataLoaders of one level of a GraphQL
 * answer: a page's areas, organisations and counts) leave as one statement: each read becomes a
 * column holding its rows as JSON. A lone read is sent as it is. Rows read through a batch come
 * back as JSON does (timestamps as strings), so mappers accept either form.
 */
export class StatementBatch {
  private queued: Queued[] = [];

  constructor(private readonly manager: EntityManager) {}

  rows<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      // DataLoaders dispatch on the microtask queue; a macrotask later every one of them has queued.
      if (!this.queued.length) setImmediate(() => void this.flush());
      this.queued.push({ sql, params, resolve: resolve as Queued['resolve'], reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    try {
      if (batch.length === 1) {
        const [only] = batch;
        only!.resolve(await this.manager.query(only!.sql, only!.params));
        return;
      }
      const params: unknown[] = [];
      const columns = batch.map(({ sql, params: own }, i) => {
        const offset = params.length;
        params.push(...own);
        const renumbered = sql.replace(PLACEHOLDER, (_match, n: string) => `$${Number(n) + offset}`);
        return `(SELECT coalesce(json_agg(q), '[]'::json) FROM (${renumbered}) q) AS r${i}`;
      });
      const [row] = await this.manager.query<Record<string, Record<string, unknown>[]>[]>(
        `SELECT ${columns.join(', ')}`,
        params,
      );
      batch.forEach((queued, i) => queued.resolve(row![`r${i}`]!));
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }
}
