import './resolve-ts';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';
import { migrate } from '../db/migrate';
import { databaseUrl, onServer, TEST_SERVER_URL_VAR, TEST_TEMPLATE_VAR, testDatabaseName } from './database';

declare global {
  var chorusTestDatabase: { embedded?: EmbeddedDatabase; dataDir?: string; template: string } | undefined;
}

/** Starts (or reaches) PostgreSQL once and migrates a template database for the test files to clone. */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  const logger = pino({ level: 'silent' });
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    process.env[TEST_SERVER_URL_VAR] = process.env.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'chorus-test-'));
    // As root, PostgreSQL runs as the postgres user, which must reach the folder.
    chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres(dataDir, logger, 'postgres');
    process.env[TEST_SERVER_URL_VAR] = embedded.url;
  }
  const template = testDatabaseName('chorus_template');
  await onServer((client) => client.query(`CREATE DATABASE "${template}"`));
  const dataSource = createDataSource(databaseUrl(template), { max: 2 });
  await dataSource.initialize();
  await migrate(dataSource, logger);
  await dataSource.destroy();
  process.env[TEST_TEMPLATE_VAR] = template;
  globalThis.chorusTestDatabase = { embedded, dataDir, template };
}
