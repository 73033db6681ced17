import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

/** `pnpm migrate`: applies pending migrations and exits (`-- --revert` undoes the last one). */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, logger);
  const dataSource = createDataSource(config.databaseUrl ?? embedded!.url);
  await dataSource.initialize();
  try {
    if (process.argv.includes('--revert')) await dataSource.undoLastMigration({ transaction: 'each' });
    else await migrate(dataSource, logger);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
