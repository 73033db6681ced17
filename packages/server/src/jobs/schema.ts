import { runMigrations } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { workerLogger } from './worker-logger.js';

/**
 * Installs or upgrades graphile-worker's own schema (`graphile_worker`). It runs with Chorus's
 * migrations, so a server with jobs off can still queue them for a separate worker.
 */
export async function migrateJobQueue(dataSource: DataSource, logger: Logger): Promise<void> {
  const { options } = dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('the job queue needs a PostgreSQL URL');
  await runMigrations({ connectionString: options.url, logger: workerLogger(logger) });
}
