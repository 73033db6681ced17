import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Role } from '@chorus/shared';
import pino from 'pino';
import { Caller } from '../access/caller';
import { RequestContext } from '../db/request-context';
import { createAreaTask, flakyTask, TEST_TASKS } from '../test/job-tasks';
import { TestServer } from '../test/harness';
import { startJobRunner, type JobRunner } from './runner';

const SECRET = 'a-test-secret-shared-with-the-worker-process';
let server: TestServer;
let runner: JobRunner | undefined;
let logLines: string[] = [];

beforeAll(async () => {
  server = await TestServer.start({ secret: Buffer.from(SECRET, 'utf8') });
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});
afterAll(() => server.stop());

function databaseUrl(): string {
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  return options.url;
}

async function startRunner(): Promise<JobRunner> {
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  runner = await startJobRunner({
    databaseUrl: databaseUrl(),
    dataSource: server.dataSource,
    services: server.services,
    tasks: TEST_TASKS,
    logger: pino({ level: 'info' }, sink),
    concurrency: 1,
    pollIntervalMs: 100,
  });
  return runner;
}

function as(caller: Caller): RequestContext {
  return new RequestContext(server.dataSource, server.engagementId, caller, 'test');
}

async function userCaller(role: Role, organisationId?: string): Promise<Caller> {
  const { id } = await server.userWithRole(role, organisationId);
  return Caller.user({ id, role, organisationId: organisationId ?? null });
}

async function keyCaller(role: Role.PARTNER | Role.COUNCIL_READER, organisationId?: string): Promise<Caller> {
  await server.apiKey(role, organisationId);
  const [{ id }] = await server.dataSource.query(`SELECT id FROM api_keys ORDER BY created_at DESC LIMIT 1`);
  return Caller.apiKey({ id, role, organisationId: organisationId ?? null });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

interface JobRow {
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: Date | null;
}

async function job(id: string): Promise<JobRow | undefined> {
  const [row] = await server.dataSource.query(
    `SELECT attempts, max_attempts, last_error, locked_at FROM graphile_worker.jobs WHERE id = $1`,
    [id],
  );
  return row;
}

/** Done: graphile-worker deletes a job once it succeeds. */
const done = (id: string, timeoutMs?: number) =>
  waitFor(`job ${id} to succeed`, async () => ((await job(id)) ? undefined : true), timeoutMs);

/** Failed for good: tried as often as it may be, not locked, and never picked up again. */
const failedForGood = (id: string) =>
  waitFor(`job ${id} to fail`, async () => {
    const row = await job(id);
    return row && row.attempts >= row.max_attempts && !row.locked_at ? row : undefined;
  });

const areaCount = (name: string) => server.count('areas', 'name = $1', [name]);

describe('jobs run as the caller who queued them', () => {
  it('does what an admin queued', async () => {
    await startRunner();
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Queued area');
    const id = await server.services.jobs.enqueue(as(admin), createAreaTask, { name });
    await done(id);
    expect(await areaCount(name)).toBe(1);
  });

  it.each([
    ["a council reader's API key", () => keyCaller(Role.COUNCIL_READER)],
    ["a partner's API key", async () => keyCaller(Role.PARTNER, await server.createOrganisation())],
    ['an analyst', () => userCaller(Role.ANALYST)],
  ])('refuses %s what they could not do themselves, FORBIDDEN and not retried', async (_who, makeCaller) => {
    await startRunner();
    const caller = await makeCaller();
    const name = server.unique('Forbidden area');
    const id = await server.services.jobs.enqueue(as(caller), createAreaTask, { name });
    const row = await failedForGood(id);
    expect(row).toMatchObject({ attempts: 1, max_attempts: 1, last_error: 'DomainError FORBIDDEN' });
    expect(await areaCount(name)).toBe(0);
  });

  it('refuses the job of a user disabled since queuing it, without retrying', async () => {
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Late area');
    const id = await server.services.jobs.enqueue(as(admin), createAreaTask, { name });
    await server.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [admin.userId]);
    await startRunner();
    expect(await failedForGood(id)).toMatchObject({ attempts: 1, last_error: 'JobRefused CALLER_INACTIVE' });
    expect(await areaCount(name)).toBe(0);
  });

  it('refuses a tampered caller, and a job forged without the secret', async () => {
    const analyst = await userCaller(Role.ANALYST);
    const name = server.unique('Tampered area');
    const tampered = await server.services.jobs.enqueue(as(analyst), createAreaTask, { name });
    // Someone with write access to the jobs table promotes the queued caller.
    await server.dataSource.query(
      `UPDATE graphile_worker._private_jobs
          SET payload = jsonb_set(payload::jsonb, '{caller,role}', '"ADMIN"')::json WHERE id = $1`,
      [tampered],
    );
    const [{ id: forged }] = await server.dataSource.query(
      `SELECT id::text FROM graphile_worker.add_job($1, $2::json)`,
      [
        createAreaTask.name,
        JSON.stringify({
          caller: Caller.system.toJSON(),
          engagementId: server.engagementId,
          payload: { name },
          signature: 'x',
        }),
      ],
    );
    await startRunner();
    for (const id of [tampered, forged]) {
      expect(await failedForGood(id)).toMatchObject({ attempts: 1, last_error: 'JobRefused SIGNATURE' });
    }
    expect(await areaCount(name)).toBe(0);
  });
});

describe('the queue', () => {
  it('retries a transient failure with backoff, then succeeds; logs hold no payload', async () => {
    await startRunner();
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Flaky area');
    const id = await server.services.jobs.enqueue(as(admin), flakyTask, { name, failures: 1 });
    await done(id);
    expect(await areaCount(name)).toBe(1);
    expect(await server.count('test_job_attempts', 'name = $1', [name])).toBe(2);
    const failed = logLines.map((line) => JSON.parse(line)).find((line) => line.msg === 'job failed');
    expect(failed).toMatchObject({ task: 'test.flaky', jobId: id, attempt: 1, permanent: false, errorClass: 'Error' });
    expect(logLines.join('\n')).not.toContain(name);
  });

  it('keeps a job across a restart: queued with no runner, run by the next one', async () => {
    const first = await startRunner();
    await first.stop();
    runner = undefined;
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Restart area');
    const id = await server.services.jobs.enqueue(as(admin), createAreaTask, { name });
    expect(await job(id)).toMatchObject({ attempts: 0 });
    await startRunner();
    await done(id);
    expect(await areaCount(name)).toBe(1);
  });

  it('queues nothing when the transaction that queued the job rolls back', async () => {
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Rolled back area');
    const before = await server.count('graphile_worker.jobs');
    await expect(
      as(admin).transaction(async (tx) => {
        await server.services.jobs.enqueue(tx, createAreaTask, { name });
        expect(await tx.query(`SELECT 1 FROM graphile_worker.jobs`)).not.toHaveLength(0);
        throw new Error('the work that queued it failed');
      }),
    ).rejects.toThrow('the work that queued it failed');
    expect(await server.count('graphile_worker.jobs')).toBe(before);
    // A job queued after it runs; with one job at a time, the rolled-back one would have gone first.
    await startRunner();
    const marker = server.unique('Marker area');
    await done(await server.services.jobs.enqueue(as(admin), createAreaTask, { name: marker }));
    expect(await areaCount(name)).toBe(0);
  });

  it('refuses a bad payload when queuing, naming the field', async () => {
    const admin = await userCaller(Role.ADMIN);
    await expect(server.services.jobs.enqueue(as(admin), createAreaTask, { name: '' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
  });

  it('runs in a separate worker process while the server runs with jobs off, and stops on SIGTERM', async () => {
    const admin = await userCaller(Role.ADMIN);
    const name = server.unique('Worker area');
    const id = await server.services.jobs.enqueue(as(admin), createAreaTask, { name });
    const worker = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../test/job-worker.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl(), CHORUS_SECRET: SECRET, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = once(worker, 'exit');
    try {
      // Generous: the process compiles its TypeScript on start, slow on a loaded machine.
      await Promise.race([
        done(id, 80_000),
        exited.then(([code]) => Promise.reject(new Error(`worker exited: ${code}`))),
      ]);
      expect(await areaCount(name)).toBe(1);
    } finally {
      worker.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
  }, 120_000);
});
