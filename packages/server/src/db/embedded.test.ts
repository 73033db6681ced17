import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const TSX = require.resolve('tsx/cli');
const asRoot = process.getuid?.() === 0;

// Starts the embedded cluster in a process of its own, as `pnpm start` would, and asks it one query.
const START_AND_QUERY = `(async () => {
  const pino = require('pino');
  const { Client } = require('pg');
  const { startEmbeddedPostgres } = require('./src/db/embedded');
  const database = await startEmbeddedPostgres(process.argv.at(-1), pino({ level: 'silent' }), 'postgres');
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query('SELECT 6 * 7 AS answer');
  await client.end();
  await database.stop();
  console.log(JSON.stringify(rows[0]));
})();`;

// As root, PostgreSQL runs as the `postgres` user; a clone under /root (mode 700) is out of its reach.
(asRoot ? describe : describe.skip)('embedded PostgreSQL started by root from a folder others cannot enter', () => {
  const privateHome = mkdtempSync(join(tmpdir(), 'chorus-private-'));
  const runtimeDir = mkdtempSync(join(tmpdir(), 'chorus-runtime-'));

  afterAll(() => {
    rmSync(privateHome, { recursive: true, force: true });
    rmSync(runtimeDir, { recursive: true, force: true });
  });

  it('starts and answers, keeping the cluster where the postgres user can reach it', async () => {
    const dataDir = join(privateHome, 'clone', '.chorus');
    // What a failed earlier run leaves behind: a cluster folder initdb would refuse.
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, [TSX, '-e', START_AND_QUERY, dataDir], {
      env: { ...process.env, CHORUS_PG_RUNTIME_DIR: runtimeDir },
      timeout: 110_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ answer: 42 });
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(false);
  }, 120_000);

  it('starts again from nothing once the data folder is deleted, as the README says', async () => {
    const dataDir = join(privateHome, 'clone', '.chorus');
    rmSync(dataDir, { recursive: true, force: true });
    const { stdout } = await promisify(execFile)(process.execPath, [TSX, '-e', START_AND_QUERY, dataDir], {
      env: { ...process.env, CHORUS_PG_RUNTIME_DIR: runtimeDir },
      timeout: 110_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ answer: 42 });
  }, 120_000);
});
