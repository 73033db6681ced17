import { Role } from '@chorus/shared';
import pino from 'pino';
import { startJobRunner, type JobRunner } from '../jobs/runner';
import { codeOf, consent, fieldOf, TestServer } from '../test/harness';
import { applyRetentionTask } from './retention.task';

let server: TestServer;
let sessionId: string;
let runner: JobRunner | undefined;
beforeAll(async () => {
  server = await TestServer.start();
  sessionId = await server.createSession();
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});
afterAll(() => server.stop());

const SET = `mutation($d: String) { setRetentionDate(retentionDate: $d) { retentionDate } }`;
const RUNS = `{ retentionRuns(first: 5) { totalCount edges { node { retentionDate contactDetailsDeleted specialCategoryDeleted nameDigestsDeleted } } } }`;

const held = () =>
  server.registerParticipant(server.adminToken, {
    sessionId,
    consents: [consent('PARTICIPATION'), consent('FOLLOW_UP_CONTACT'), consent('SPECIAL_CATEGORY_DATA')],
    contact: { name: 'Tamsin Achterberg' },
    demographics: { religion: 'HINDU' },
  });

const queuedJob = async () => {
  const [job] = await server.dataSource.query(
    `SELECT j.id::text, j.run_at, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'retention.apply'`,
  );
  return job as { id: string; run_at: Date; payload: any } | undefined;
};

function databaseUrl(): string {
  const { options } = server.dataSource;
  if (options.type !== 'postgres' || !options.url) throw new Error('no database url');
  return options.url;
}

describe('the retention date', () => {
  it('is set by an admin, queues the job for the day after as Chorus itself, and is audited', async () => {
    const data = await server.ok(SET, { d: '2031-01-31' });
    expect(data.setRetentionDate.retentionDate).toBe('2031-01-31');
    expect((await server.ok(`{ engagement { retentionDate } }`)).engagement.retentionDate).toBe('2031-01-31');
    const job = await queuedJob();
    expect(job!.run_at.toISOString()).toBe('2031-02-01T00:00:00.000Z');
    expect(job!.payload.caller.kind).toBe('system');
    // Setting it again replaces the waiting job; clearing it removes it.
    await server.ok(SET, { d: '2031-03-01' });
    expect(await server.count('graphile_worker.jobs', `task_identifier = 'retention.apply'`)).toBe(1);
    await server.ok(SET, { d: null });
    expect(await queuedJob()).toBeUndefined();
    expect(
      await server.count('audit_events', `action = 'engagement.retention_date_changed' AND entity_id = $1`, [
        server.engagementId,
      ]),
    ).toBe(3);
  });

  it('refuses a date that is not one, before the end of listening, or too far ahead, naming the field', async () => {
    await server.dataSource.query(`UPDATE engagements SET ends_on = '2026-09-30' WHERE id = $1`, [server.engagementId]);
    for (const d of ['2031-02-30', '31/01/2031', 'soon', '2026-09-29', '2099-01-01']) {
      const result = await server.gql(SET, { d }, server.adminToken);
      expect([codeOf(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'retentionDate']);
    }
    expect((await server.ok(`{ engagement { retentionDate } }`)).engagement.retentionDate).toBeNull();
  });

  it('is for admins only', async () => {
    const coordinator = await server.userWithRole(Role.COORDINATOR);
    expect(codeOf(await server.gql(SET, { d: '2031-01-31' }, coordinator.token))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(RUNS, {}, coordinator.token))).toBe('FORBIDDEN');
  });
});

describe('the retention job', () => {
  it('after the date, deletes contact details and special-category data and reports counts, keeping responses', async () => {
    const ids = [await held(), await held()];
    await server.submit(sessionId, [{ participantId: ids[0], prompt: 'FUTURE', text: 'A new youth club' }]);
    await server.ok(SET, { d: '2026-10-01' });
    const job = await queuedJob();
    // The job was queued for a day already past, so the runner takes it at once.
    runner = await startJobRunner({
      databaseUrl: databaseUrl(),
      dataSource: server.dataSource,
      services: server.services,
      tasks: [applyRetentionTask],
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      pollIntervalMs: 100,
    });
    const deadline = Date.now() + 25_000;
    while (await server.count('graphile_worker.jobs', 'id = $1', [job!.id])) {
      if (Date.now() > deadline) throw new Error('the retention job did not finish');
      await new Promise((done) => setTimeout(done, 50));
    }
    const contacts = await server.count('participants', 'engagement_id = $1 AND contact_encrypted IS NOT NULL', [
      server.engagementId,
    ]);
    const special = await server.count(
      'participants',
      'engagement_id = $1 AND special_category_encrypted IS NOT NULL',
      [server.engagementId],
    );
    expect([contacts, special]).toEqual([0, 0]);
    expect(await server.count('contact_name_digests')).toBe(0);
    expect(await server.count('responses', 'participant_id = $1', [ids[0]])).toBe(1);
    const runs = (await server.ok(RUNS)).retentionRuns;
    expect(runs.totalCount).toBe(1);
    expect(runs.edges[0].node).toMatchObject({
      retentionDate: '2026-10-01',
      contactDetailsDeleted: expect.any(Number),
      specialCategoryDeleted: expect.any(Number),
    });
    expect(runs.edges[0].node.contactDetailsDeleted).toBeGreaterThanOrEqual(2);
    expect(runs.edges[0].node.specialCategoryDeleted).toBeGreaterThanOrEqual(2);
    const [audit] = await server.dataSource.query(
      `SELECT details::text FROM audit_events WHERE action = 'retention.applied' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.details).not.toContain('Tamsin');
  });

  it('does nothing before the day after the date, or for a date since changed', async () => {
    await held();
    await server.ok(SET, { d: '2031-01-31' });
    const ctx = server.systemContext();
    expect(await server.services.retention.apply(ctx, '2031-01-31')).toBeNull();
    expect(await server.services.retention.apply(ctx, '2026-10-01')).toBeNull();
    expect(
      await server.count('participants', 'engagement_id = $1 AND contact_encrypted IS NOT NULL', [server.engagementId]),
    ).toBeGreaterThan(0);
  });
});
