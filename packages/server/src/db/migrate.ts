import type { DataSource } from 'typeorm';
import { migrateJobQueue } from '../jobs/schema.js';
import type { Logger } from '../logger.js';

// Any fixed key will do; it only has to be the same for every instance.
const MIGRATION_LOCK = "hashtext('chorus:migrations')";

/**
 * Runs pending migrations, each in its own transaction. Instances starting together queue on
 * an advisory lock, so only the first applies them.
 */
export async function migrate(dataSource: DataSource, logger: Logger): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger.info({ migration: migration.name }, 'migration applied');
    await migrateJobQueue(dataSource, logger);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    await lock.release();
  }
}
