import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import node22 from '@chorus/node22';

/** One server under test: a process of its own, reached over HTTP. */
export interface ServerUnderTest {
  name: string;
  /** Node version the process runs on. */
  node: string;
  url: string;
  process: ChildProcess;
  /** Its last lines of output, shown when it fails to start. */
  output: string[];
}

export const NODE_20 = process.execPath;
export const NODE_22 = node22;
const NODE_22_VERSION = execFileSync(NODE_22, ['--version']).toString().trim();

const DIST = join(__dirname, '..', '..');

export interface Launch {
  name: string;
  node: string;
  script: 'chorus' | 'baseline' | 'postgraphile';
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}

const SCRIPTS = {
  chorus: join(DIST, 'main.js'),
  baseline: join(__dirname, 'baseline-server.js'),
  postgraphile: join(__dirname, 'postgraphile-server.js'),
};

/** The V8 flags the image runs Chorus with (`docker/Dockerfile`, `NODE_OPTIONS`), so the bench measures them. */
function imageNodeOptions(): string {
  const dockerfile = readFileSync(join(DIST, '..', '..', '..', 'docker', 'Dockerfile'), 'utf8');
  const options = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1];
  if (options === undefined) throw new Error('docker/Dockerfile sets no NODE_OPTIONS for the bench to run Chorus with');
  return options;
}

/** What Chorus needs to start in production mode on a database that already has its engagement. */
export function chorusEnv(admin: { email: string; password: string }, secret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NODE_OPTIONS: imageNodeOptions(),
    CHORUS_SECRET: secret,
    CHORUS_BOOTSTRAP_ADMIN_EMAIL: admin.email,
    CHORUS_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    CHORUS_JOBS: 'off',
    CHORUS_ADMIN_DIR: '/nonexistent',
    // The bench's own traffic is not an attack: the API budget must not refuse it.
    CHORUS_RATE_LIMIT_POINTS: '100000000',
    LOG_LEVEL: 'error',
  };
}

export const newSecret = () => randomBytes(32).toString('hex');

async function ready(server: ServerUnderTest, probe: () => Promise<boolean>): Promise<void> {
  const exited = once(server.process, 'exit').then(([code]) => {
    throw new Error(`${server.name} exited with code ${String(code)} while starting:\n${server.output.join('')}`);
  });
  const waited = (async () => {
    for (;;) {
      if (await probe().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  await Promise.race([waited, exited]);
  exited.catch(() => undefined);
}

/** Starts a server and resolves once it answers. */
export async function launch(spec: Launch): Promise<ServerUnderTest> {
  const child = spawn(spec.node, [SCRIPTS[spec.script]], {
    env: {
      PATH: process.env.PATH,
      PORT: String(spec.port),
      DATABASE_URL: spec.databaseUrl,
      GRAPHILE_ENV: 'production',
      ...spec.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${spec.port}`;
  const server: ServerUnderTest = {
    name: spec.name,
    node: spec.node === NODE_22 ? NODE_22_VERSION : process.version,
    url,
    process: child,
    output,
  };
  const probe =
    spec.script === 'postgraphile'
      ? async () =>
          (
            await fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ __typename }' }),
            })
          ).ok
      : async () => (await fetch(`${url}/healthz`)).ok;
  await ready(server, probe);
  return server;
}

export async function stop(server: ServerUnderTest): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = once(server.process, 'exit');
  server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in bytes (Linux), or null where /proc is absent. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
