import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';

/** Runs pending migrations, each in its own transaction. */
export async function migrate(dataSource: DataSource, logger: Logger): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) logger.info({ migration: migration.name }, 'migration applied');
}
