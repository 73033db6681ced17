import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from '../app.js';
import { createDataSource, type PoolOptions } from '../db/data-source.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import type { Services } from '../services.js';

/**
 * Runs `work` on a fresh, migrated database of its own: on DATABASE_URL's server when set, else on
 * an embedded PostgreSQL; dropped afterwards either way. `work` gets its connection string too, for
 * servers the bench starts as processes of their own.
 */
export async function withBenchDatabase(
  logger: Logger,
  work: (dataSource: DataSource, url: string) => Promise<void>,
  pool: PoolOptions = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-bench-'));
  chmodSync(dataDir, 0o755);
  const database = `chorus_bench_${randomBytes(4).toString('hex')}`;
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(dataDir, logger, 'postgres');
  const serverUrl = new URL(process.env.DATABASE_URL ?? embedded!.url);
  const admin = new Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  serverUrl.pathname = `/${database}`;
  const dataSource = createDataSource(serverUrl.toString(), pool);
  try {
    await dataSource.initialize();
    await migrate(dataSource, logger);
    await work(dataSource, serverUrl.toString());
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Chorus in production mode on a loopback port of its own, in this process; `url` is its GraphQL endpoint. */
export async function startBenchApp(dataSource: DataSource, engagementId: string, services: Services, logger: Logger) {
  const app = await createApp({
    config: { production: true, adminDir: '/nonexistent' },
    dataSource,
    engagementId,
    services,
    logger,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return { app, url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql` };
}
