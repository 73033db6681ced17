import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SERVER_ROOT = resolve(__dirname, '../..');
const TSX = require.resolve('tsx/cli');

export interface ServerProcessOptions {
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  env?: Record<string, string>;
}

/**
 * Chorus as its own process (`src/main.ts` under tsx), as a deployment runs it: a crash here
 * is a dead process, not a failed assertion inside jest's.
 */
export class ServerProcess {
  /** Everything the process wrote, for the failure message. */
  output = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  url = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  static async start(options: ServerProcessOptions, startTimeoutMs = 90_000): Promise<ServerProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'chorus-process-'));
    const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
      cwd: SERVER_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: options.databaseUrl,
        PORT: '0',
        CHORUS_DATA_DIR: dataDir,
        CHORUS_DEMO_DATA: '0',
        CHORUS_SECRET: 'a-test-secret-that-is-long-enough-to-pass',
        CHORUS_BOOTSTRAP_ADMIN_EMAIL: options.adminEmail,
        CHORUS_BOOTSTRAP_ADMIN_PASSWORD: options.adminPassword,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, dataDir);
    const port = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), startTimeoutMs);
      const listening = () => {
        const found = /running at http:\/\/localhost:(\d+)\//.exec(server.output)?.[1];
        if (found) done(found);
      };
      const done = (found?: string) => {
        clearTimeout(timer);
        child.stdout.off('data', listening);
        resolve(found);
      };
      child.stdout.on('data', listening);
      child.once('exit', () => done());
    });
    if (port) {
      server.url = `http://127.0.0.1:${port}`;
      return server;
    }
    await server.stop();
    throw new Error(`the server process did not start:\n${server.output}`);
  }

  /**
   * The server's peak resident memory so far, in bytes (Linux's VmHWM): the largest of the
   * process and its children (tsx runs the server in a child of its own).
   */
  peakRssBytes(pid = this.child.pid!): number {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const own = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return Math.max(own, ...children.map((child) => this.peakRssBytes(Number(child))));
  }

  get alive(): boolean {
    return this.exit === null;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
