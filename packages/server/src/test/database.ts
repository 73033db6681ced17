import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test databases live on one server: the one DATABASE_URL names, or the embedded PostgreSQL that
 * global-setup started. Global setup migrates a template once; each test file clones it.
 */
export const TEST_SERVER_URL_VAR = 'CHORUS_TEST_SERVER_URL';
export const TEST_TEMPLATE_VAR = 'CHORUS_TEST_TEMPLATE';

export function serverUrl(): string {
  const url = process.env[TEST_SERVER_URL_VAR];
  if (!url) throw new Error(`${TEST_SERVER_URL_VAR} is unset: run the tests through jest (global-setup sets it)`);
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Names are generated here only, so interpolating them into DDL is safe. */
export function testDatabaseName(prefix: string): string {
  if (process.env.NODE_ENV !== 'test') throw new Error('test databases are made only under NODE_ENV=test');
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function cloneTemplate(): Promise<string> {
  const name = testDatabaseName('chorus_test');
  const template = process.env[TEST_TEMPLATE_VAR];
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.startsWith('chorus_test') && !name.startsWith('chorus_template'))
    throw new Error(`refusing to drop ${name}`);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
