import { Role } from '@chorus/shared';
import pino from 'pino';
import { Caller } from '../access/caller';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { JOB_TASKS } from '../jobs/tasks';
import { codeOf, fieldOf, TestServer } from '../test/harness';
import { ReleaseFrequency } from './release-schedule.entity';
import { scheduledReleaseTask } from './scheduled-release.task';

const THRESHOLD = 3;
let server: TestServer;
let coordinator: string;
const runners: JobRunner[] = [];

async function startRunner(): Promise<JobRunner> {
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  const runner = await startJobRunner({
    databaseUrl: options.url,
    dataSource: server.dataSource,
    services: server.services,
    tasks: JOB_TASKS,
    logger: pino({ level: 'silent' }),
    concurrency: 2,
    pollIntervalMs: 100,
  });
  runners.push(runner);
  return runner;
}

beforeAll(async () => {
  server = await TestServer.start({ suppressionThreshold: THRESHOLD });
  coordinator = (await server.userWithRole(Role.COORDINATOR)).token;
  await startRunner();
}, 60_000);
afterAll(async () => {
  for (const runner of runners) await runner.stop();
  await server.stop();
});

const SET = `mutation($f: ReleaseFrequency!, $t: String, $w: Int) {
  setReleaseSchedule(frequency: $f, time: $t, weekday: $w) { frequency time weekday timeZone nextDueAt minimumChangedPeople }
}`;
const JOB_KEY = () => `releases.scheduled:${server.engagementId}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function waitingRun(): Promise<{ dueAt: Date; runAt: Date } | undefined> {
  const [job] = await server.dataSource.query(
    `SELECT (payload::jsonb #>> '{payload,dueAt}')::timestamptz AS "dueAt", run_at AS "runAt"
     FROM graphile_worker._private_jobs WHERE key = $1 AND locked_at IS NULL`,
    [JOB_KEY()],
  );
  return job;
}

/** Brings the waiting run forward to now, as if its due time had come, and waits for what it did. */
async function runDue(): Promise<{ outcome: string; changed_people: number | null; version: number | null }> {
  const waiting = await waitingRun();
  if (!waiting) throw new Error('no run is waiting');
  await server.dataSource.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [JOB_KEY()]);
  return waitFor('the run to finish', async () => {
    const [run] = await server.dataSource.query(
      `SELECT run.outcome, run.changed_people, r.version FROM release_runs run LEFT JOIN releases r ON r.id = run.release_id
       WHERE run.engagement_id = $1 AND run.due_at = $2 AND run.outcome <> 'RUNNING'`,
      [server.engagementId, waiting.dueAt],
    );
    return run;
  });
}

const published = () => server.count('releases', `engagement_id = $1 AND status = 'PUBLISHED'`, [server.engagementId]);

/** `n` people with one response each in a new session. */
async function people(n: number): Promise<string[]> {
  const sessionId = await server.createSession();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const participantId = await server.registerParticipant();
    const result = await server.submit(sessionId, [{ participantId, prompt: 'VALUES', text: 'The park on a Sunday' }]);
    expect(result.errors).toBeUndefined();
    ids.push(participantId);
  }
  return ids;
}

describe('the release schedule setting', () => {
  it.each([
    [{ f: 'WEEKLY', t: '06:00' }, 'weekday'],
    [{ f: 'WEEKLY', t: '06:00', w: 8 }, 'weekday'],
    [{ f: 'DAILY', t: '06:00', w: 2 }, 'weekday'],
    [{ f: 'DAILY', t: '24:00' }, 'time'],
    [{ f: 'DAILY', t: '6am' }, 'time'],
  ])('refuses %j naming the field, and changes nothing', async (variables, field) => {
    const result = await server.gql(SET, variables, coordinator);
    expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', field]);
    const { releaseSchedule } = await server.ok(`{ releaseSchedule { frequency nextDueAt } }`);
    expect(releaseSchedule).toEqual({ frequency: 'NONE', nextDueAt: null });
  });

  it('is set by a coordinator, not by a council key or an analyst', async () => {
    for (const token of [await server.apiKey(Role.COUNCIL_READER), (await server.userWithRole(Role.ANALYST)).token]) {
      expect(codeOf(await server.gql(SET, { f: 'DAILY', t: '06:00' }, token))).toBe('FORBIDDEN');
    }
  });

  it('falls due at the local time in Europe/London, on both sides of the clock changes', async () => {
    const due = (frequency: ReleaseFrequency, time: string, weekday: number | null, after: string) =>
      server.services.releaseSchedule.nextDue(server.systemContext(), { frequency, time, weekday }, new Date(after));
    // BST starts at 01:00 UTC on Sunday 29 March 2026 and ends at 01:00 UTC on Sunday 25 October.
    expect(await due(ReleaseFrequency.DAILY, '06:00', null, '2026-03-28T03:00:00Z')).toEqual(
      new Date('2026-03-28T06:00:00Z'),
    );
    expect(await due(ReleaseFrequency.DAILY, '06:00', null, '2026-03-28T12:00:00Z')).toEqual(
      new Date('2026-03-29T05:00:00Z'),
    );
    expect(await due(ReleaseFrequency.DAILY, '00:30', null, '2026-10-24T12:00:00Z')).toEqual(
      new Date('2026-10-24T23:30:00Z'),
    );
    expect(await due(ReleaseFrequency.DAILY, '06:00', null, '2026-10-24T12:00:00Z')).toEqual(
      new Date('2026-10-25T06:00:00Z'),
    );
    // Saturday 28 March: the next Monday at 06:00 BST.
    expect(await due(ReleaseFrequency.WEEKLY, '06:00', 1, '2026-03-28T12:00:00Z')).toEqual(
      new Date('2026-03-30T05:00:00Z'),
    );
    expect(await due(ReleaseFrequency.NONE, '06:00', null, '2026-03-28T12:00:00Z')).toBeNull();
  });
});

describe('scheduled releases on the job queue', () => {
  it('cuts a release when due, skips an unchanged one, holds back a lone withdrawal, and is audited', async () => {
    const { setReleaseSchedule } = await server.ok(SET, { f: 'DAILY', t: '06:00' }, coordinator);
    expect(setReleaseSchedule).toMatchObject({
      frequency: 'DAILY',
      time: '06:00',
      weekday: null,
      timeZone: 'Europe/London',
      minimumChangedPeople: THRESHOLD,
    });
    const next = new Date(setReleaseSchedule.nextDueAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);
    expect(await waitingRun()).toMatchObject({ dueAt: next, runAt: next });
    const [audit] = await server.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'engagement.release_schedule_changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.details).toEqual({ from: 'NONE', to: 'DAILY 06:00' });

    const [leaving] = await people(4);
    const before = await published();
    expect(await runDue()).toMatchObject({ outcome: 'PUBLISHED', version: expect.any(Number) });
    expect(await published()).toBe(before + 1);
    // The next day's run is queued, a day on.
    const following = await waitingRun();
    expect(following!.dueAt.getTime() - next.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);

    expect(await runDue()).toEqual({ outcome: 'UNCHANGED', changed_people: 0, version: null });

    await server.ok(`mutation($p: ID!) { withdrawConsent(participantId: $p, purpose: PARTICIPATION) { granted } }`, {
      p: leaving,
    });
    expect(await runDue()).toEqual({ outcome: 'HELD', changed_people: 1, version: null });
    const { releaseSchedule } = await server.ok(`{ releaseSchedule { changedPeople } }`, {}, coordinator);
    expect(releaseSchedule.changedPeople).toBe(1);
    const council = await server.apiKey(Role.COUNCIL_READER);
    expect(codeOf(await server.gql(`{ releaseSchedule { changedPeople } }`, {}, council))).toBe('FORBIDDEN');
    expect(await published()).toBe(before + 1);

    // Once enough other people have changed, the withdrawal goes out among theirs.
    await people(THRESHOLD - 1);
    expect(await runDue()).toMatchObject({ outcome: 'PUBLISHED', changed_people: THRESHOLD });
    expect(await published()).toBe(before + 2);

    const { releaseRuns } = await server.ok(
      `{ releaseRuns(first: 10) { totalCount edges { node { outcome changedPeople release { version } } } } }`,
      {},
      coordinator,
    );
    expect(releaseRuns.edges.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual([
      'PUBLISHED',
      'HELD',
      'UNCHANGED',
      'PUBLISHED',
    ]);
  }, 120_000);

  it('cuts one release per due time however many workers take it', async () => {
    await server.ok(SET, { f: 'DAILY', t: '06:00' }, coordinator);
    await startRunner();
    await people(THRESHOLD);
    const before = await published();
    const dueAt = new Date(Date.UTC(2026, 0, 5, 6));
    const system = server.systemContext().as(Caller.system);
    // Two jobs for one due time, as two instances queuing it would leave; two runners, two slots each.
    await Promise.all(
      [0, 1, 2, 3].map(() =>
        server.services.jobs.enqueue(system, scheduledReleaseTask, { dueAt: dueAt.toISOString() }),
      ),
    );
    await waitFor('every job to finish', async () =>
      (await server.count('graphile_worker.jobs', `task_identifier = 'releases.scheduled' AND run_at <= now()`)) === 0
        ? true
        : undefined,
    );
    expect(await server.count('release_runs', 'engagement_id = $1 AND due_at = $2', [server.engagementId, dueAt])).toBe(
      1,
    );
    expect(await published()).toBe(before + 1);
  }, 120_000);

  it('NONE takes the waiting run off the queue', async () => {
    expect(await waitingRun()).toBeDefined();
    const { setReleaseSchedule } = await server.ok(SET, { f: 'NONE' }, coordinator);
    expect(setReleaseSchedule.nextDueAt).toBeNull();
    expect(await waitingRun()).toBeUndefined();
  });
});
