import { randomBytes } from 'node:crypto';
import { Role } from '@chorus/shared';
import pino from 'pino';
import { Caller } from '../access/caller';
import { RequestContext } from '../db/request-context';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { JOB_TASKS } from '../jobs/tasks';
import { createServices } from '../services';
import { TestServer } from '../test/harness';
import { buildReleaseTask } from './build-release.task';

let server: TestServer;
let runner: JobRunner;

beforeAll(async () => {
  server = await TestServer.start();
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  runner = await startJobRunner({
    databaseUrl: options.url,
    dataSource: server.dataSource,
    services: server.services,
    tasks: JOB_TASKS,
    logger: pino({ level: 'silent' }),
    concurrency: 1,
    pollIntervalMs: 100,
  });
});
afterAll(async () => {
  await runner.stop();
  await server.stop();
});

async function statusOf(id: string): Promise<string> {
  const [row] = await server.dataSource.query(`SELECT status FROM releases WHERE id = $1`, [id]);
  return row.status;
}

async function numbered(role: Role): Promise<{ id: string; ctx: RequestContext }> {
  const { id: userId } = await server.userWithRole(role);
  const [{ id }] = await server.dataSource.query(
    `INSERT INTO releases (engagement_id, version, status, requested_by_user_id)
     SELECT $1, coalesce(max(version), 0) + 1, 'BUILDING', $2 FROM releases WHERE engagement_id = $1 RETURNING id`,
    [server.engagementId, userId],
  );
  const caller = Caller.user({ id: userId, role, organisationId: null });
  return { id, ctx: new RequestContext(server.dataSource, server.engagementId, caller, 'test') };
}

async function queue(role: Role): Promise<{ id: string; jobId: string }> {
  const { id, ctx } = await numbered(role);
  return { id, jobId: await server.services.jobs.enqueue(ctx, buildReleaseTask, { releaseId: id }) };
}

async function settled({ id, jobId }: { id: string; jobId: string }): Promise<string> {
  for (let tries = 0; tries < 400; tries++) {
    // Retries are due at once rather than after graphile-worker's back-off.
    await server.dataSource.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = $1`, [jobId]);
    const [job] = await server.dataSource.query(
      `SELECT attempts, max_attempts, locked_at FROM graphile_worker.jobs WHERE id = $1`,
      [jobId],
    );
    // Gone once done; failed for good once its attempts are used and it is no longer running.
    if (!job || (job.attempts >= job.max_attempts && !job.locked_at)) return statusOf(id);
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('the build job did not finish');
}

describe('a release built by a job', () => {
  it('is published by the job, as the coordinator who queued it', async () => {
    expect(await settled(await queue(Role.COORDINATOR))).toBe('PUBLISHED');
    const { release } = await server.ok(`{ release { status tableCount } }`);
    expect(release).toMatchObject({ status: 'PUBLISHED', tableCount: expect.any(Number) });
  }, 60_000);

  it('fails for an analyst, who may not publish, and holds no tables', async () => {
    const queued = await queue(Role.ANALYST);
    expect(await settled(queued)).toBe('FAILED');
    expect(await server.count('release_tables', 'release_id = $1', [queued.id])).toBe(0);
  }, 60_000);

  it('fails once its last attempt fails, rather than staying BUILDING', async () => {
    // Every attempt meets a database that cannot answer the build's counts.
    await server.dataSource.query(`ALTER TABLE response_facts RENAME TO response_facts_away`);
    try {
      expect(await settled(await queue(Role.COORDINATOR))).toBe('FAILED');
    } finally {
      await server.dataSource.query(`ALTER TABLE response_facts_away RENAME TO response_facts`);
    }
  }, 60_000);
});

describe('the statement timeout of a build', () => {
  // A timeout no build can meet shows whose timeout each build runs under: with 20,000 responses
  // (under the inline limit) its counts take longer than 1 ms, now that its totals are counters.
  const impatient = () => createServices(randomBytes(48), { releaseBuildTimeoutMs: 1 });
  beforeAll(async () => {
    const sessionId = await server.createSession();
    await server.bulkLoadAndRebuild(
      `INSERT INTO responses (session_id, prompt, text, source) SELECT $1, 'VALUES', 'Said ' || g, 'STAFF'
       FROM generate_series(1, 20000) g`,
      [sessionId],
    );
  }, 60_000);

  it('is the background one for a build run by a job', async () => {
    const { id, ctx } = await numbered(Role.COORDINATOR);
    await expect(impatient().releases.build(ctx, id)).rejects.toThrow(/statement timeout/);
    expect(await statusOf(id)).toBe('BUILDING');
  }, 60_000);

  it("is the request's own for a small release built within the request", async () => {
    const { ctx } = await numbered(Role.COORDINATOR);
    const release = await impatient().releases.publish(ctx);
    expect(release.status).toBe('PUBLISHED');
  }, 60_000);
});
