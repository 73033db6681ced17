import type { DataSource } from 'typeorm';

/**
 * Reads what `sql` selects a batch of `batchSize` rows at a time, from a server-side cursor in a
 * read-only transaction on a connection of its own, so an export of any size holds one batch in
 * memory. Stops early when `each` answers false (the client went away).
 */
export async function streamRows<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
  batchSize: number,
  each: (rows: T[]) => Promise<boolean>,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`BEGIN READ ONLY`);
    await runner.query(`DECLARE chorus_export NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const rows = (await runner.query(`FETCH ${batchSize} FROM chorus_export`)) as T[];
      if (rows.length === 0 || !(await each(rows))) break;
      if (rows.length < batchSize) break;
    }
    await runner.query(`COMMIT`);
  } catch (error) {
    await runner.query(`ROLLBACK`).catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
