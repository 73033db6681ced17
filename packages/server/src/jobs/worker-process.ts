import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createDataSource } from '../db/data-source.js';
import { migrate } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { createServices } from '../services.js';
import { startJobRunner } from './runner.js';
import type { Task } from './task.js';

/**
 * `pnpm worker`: runs queued jobs and serves no HTTP, so the API and the jobs scale apart. It
 * applies the same migrations as the server (both wait on one lock) and nothing more.
 */
export async function runWorkerProcess(tasks: readonly Task<unknown>[]): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (!config.databaseUrl) {
    // The embedded PostgreSQL belongs to the server process; a second process cannot share it.
    console.error(
      'Invalid configuration: DATABASE_URL is required by `pnpm worker` (the server runs jobs itself otherwise)',
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const dataSource = createDataSource(
    config.databaseUrl,
    { max: config.poolSize, acquireTimeoutMs: config.dbAcquireTimeoutMs },
    logger,
  );
  await dataSource.initialize();
  await migrate(dataSource, logger);
  const runner = await startJobRunner({
    databaseUrl: config.databaseUrl,
    dataSource,
    services: createServices(config.secret, {
      releaseBuildTimeoutMs: config.releaseBuildTimeoutMs,
      publicUrl: config.publicUrl,
    }),
    tasks,
    logger,
    concurrency: config.jobs.concurrency,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running jobs');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await runner.stop();
      await dataSource.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
