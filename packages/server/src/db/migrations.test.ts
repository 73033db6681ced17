import pino from 'pino';
import { cloneTemplate, databaseUrl, dropDatabase, onServer, testDatabaseName } from '../test/database';
import { createDataSource } from './data-source';
import { migrate } from './migrate';

const logger = pino({ level: 'silent' });

async function tables(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, { max: 1 });
  await dataSource.initialize();
  const rows = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  await dataSource.destroy();
  return rows.map((row: { tablename: string }) => row.tablename);
}

describe('migrations', () => {
  it('apply to an empty database, revert cleanly and apply again', async () => {
    const name = testDatabaseName('chorus_test_migrations');
    await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = databaseUrl(name);
    try {
      const dataSource = createDataSource(url, { max: 2 });
      await dataSource.initialize();
      await migrate(dataSource, logger);
      const migrated = await tables(url);
      expect(migrated).toEqual(
        expect.arrayContaining(['responses', 'consent_events', 'submissions', 'themes', 'audit_events']),
      );
      // graphile-worker's schema comes with them, so a server with jobs off can still queue.
      const [{ n: queueMigrations }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM graphile_worker.migrations`,
      );
      expect(queueMigrations).toBeGreaterThan(0);
      const [{ n: applied }] = await dataSource.query(`SELECT count(*)::int AS n FROM migrations`);
      for (let i = 0; i < applied; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables(url)).toEqual([]);
      await migrate(dataSource, logger);
      expect(await tables(url)).toEqual(migrated);
      // A second run finds nothing to do.
      await migrate(dataSource, logger);
      await dataSource.destroy();
    } finally {
      await dropDatabase(name);
    }
  }, 90_000);

  it('leave the test template fully migrated', async () => {
    const clone = await cloneTemplate();
    try {
      const dataSource = createDataSource(databaseUrl(clone), { max: 1 });
      await dataSource.initialize();
      expect(await dataSource.showMigrations()).toBe(false);
      await dataSource.destroy();
    } finally {
      await dropDatabase(clone);
    }
  });
});
