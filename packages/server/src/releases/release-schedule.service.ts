import { Permission } from '@chorus/shared';
import { Caller } from '../access/caller.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import { paginate, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import type { RequestContext } from '../db/request-context.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ReleaseStatus } from './release.entity.js';
import {
  RELEASE_TIME_ZONE,
  ReleaseFrequency,
  ReleaseRun,
  ReleaseRunOutcome,
  type ReleaseSchedule,
} from './release-schedule.entity.js';
import type { ReleasesService } from './releases.service.js';
import { scheduledReleaseTask } from './scheduled-release.task.js';

const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

export interface ScheduleInput {
  frequency: ReleaseFrequency;
  time?: string | null;
  weekday?: number | null;
}

interface SettingRow {
  frequency: ReleaseFrequency;
  time: string;
  weekday: number | null;
  threshold: number;
}

/** The waiting job of an engagement's schedule: at most one, replaced when the setting changes. */
const jobKey = (engagementId: string) => `releases.scheduled:${engagementId}`;

/**
 * Releases on a schedule: the setting, the next due time in Europe/London, and the run at each
 * due time. Each run is one job queued for its due time (graphile-worker's job key keeps one
 * waiting); the run queues the next. `release_runs` is unique per due time, so however many
 * workers pick a run up, one cuts the release.
 */
export class ReleaseScheduleService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
    private readonly jobs: JobQueue,
    private readonly releases: ReleasesService,
  ) {}

  async get(ctx: RequestContext): Promise<ReleaseSchedule> {
    ctx.require(Permission.ReleaseRead);
    return this.describe(ctx, await this.setting(ctx));
  }

  /** Sets the schedule (audited) and queues its next run, replacing any run waiting. */
  setSchedule(ctx: RequestContext, input: ScheduleInput): Promise<ReleaseSchedule> {
    return this.useCases.run(ctx, Permission.ReleasePublish, async (tx) => {
      const { frequency } = input;
      if (!Object.values(ReleaseFrequency).includes(frequency)) {
        throw badInput('frequency', 'frequency must be NONE, DAILY or WEEKLY');
      }
      const time = input.time ?? '06:00';
      if (!TIME.test(time)) throw badInput('time', 'time must be HH:MM on a 24-hour clock, e.g. 06:00');
      const weekday = input.weekday ?? null;
      if (frequency === ReleaseFrequency.WEEKLY) {
        if (weekday === null || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
          throw badInput('weekday', 'a WEEKLY schedule needs weekday, 1 (Monday) to 7 (Sunday)');
        }
      } else if (weekday !== null) {
        throw badInput('weekday', 'weekday is for a WEEKLY schedule only');
      }
      const [before] = await tx.query<SettingRow>(
        `SELECT release_frequency AS frequency, to_char(release_time, 'HH24:MI') AS time, release_weekday AS weekday
         FROM engagements WHERE id = $1 FOR UPDATE`,
        [tx.engagementId],
      );
      await tx.query(
        `UPDATE engagements SET release_frequency = $2, release_time = $3, release_weekday = $4 WHERE id = $1`,
        [tx.engagementId, frequency, time, weekday],
      );
      const setting = await this.setting(tx);
      const schedule = await this.describe(tx, setting);
      await this.queueNext(tx, schedule.nextDueAt);
      return audited(schedule, {
        action: AuditAction.ReleaseScheduleChanged,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: {
          from: describeSetting(before!),
          to: describeSetting(setting),
        },
      });
    });
  }

  /** Past and running runs, newest due time first (staff). */
  runs(ctx: RequestContext, page: PageArgs): Promise<Page<ReleaseRun>> {
    ctx.require(Permission.ReleasePublish);
    const query = ctx.manager
      .createQueryBuilder(ReleaseRun, 'run')
      .where('run.engagement_id = :engagementId', { engagementId: ctx.engagementId });
    return paginate(
      query,
      { column: 'run.due_at', idColumn: 'run.id', type: 'timestamptz', valueOf: (r) => r.dueAt.toISOString() },
      page,
      this.cursors,
    );
  }

  /**
   * The run for `dueAt`, as the scheduled job does it: claims the due time (once, whichever
   * worker gets there first), then cuts a release only when figures may have changed and at
   * least the threshold's number of people changed since the last one; queues the next run.
   */
  async run(ctx: RequestContext, dueAt: Date): Promise<ReleaseRun | null> {
    const claimed = await this.useCases.run(ctx, Permission.ReleasePublish, async (tx) => {
      const setting = await this.setting(tx);
      if (setting.frequency === ReleaseFrequency.NONE) return { result: null, audit: [] };
      await tx.query(
        `INSERT INTO release_runs (engagement_id, due_at, outcome, claimed_by) VALUES ($1, $2, 'RUNNING', $3)
         ON CONFLICT (engagement_id, due_at) DO NOTHING`,
        [tx.engagementId, dueAt, tx.requestId],
      );
      const run = await tx.manager.findOneByOrFail(ReleaseRun, { engagementId: tx.engagementId, dueAt });
      const [mine] = await tx.query<{ mine: boolean }>(
        `SELECT claimed_by = $2 AS mine FROM release_runs WHERE id = $1`,
        [run.id, tx.requestId],
      );
      // Another job has this due time, or this one finished it before a retry: nothing to do.
      if (!mine!.mine || run.outcome !== ReleaseRunOutcome.RUNNING) return { result: null, audit: [] };
      if (run.releaseId) return { result: run, audit: [] };
      const decision = await this.decide(tx, setting.threshold);
      if (decision.outcome !== ReleaseRunOutcome.PUBLISHED) {
        await this.finish(tx, run.id, decision.outcome, null, decision.changedPeople);
      } else {
        const release = await this.releases.number(tx);
        await tx.query(`UPDATE release_runs SET release_id = $2, changed_people = $3 WHERE id = $1`, [
          run.id,
          release.id,
          decision.changedPeople,
        ]);
      }
      // A run late by more than a period (no worker was up) does not catch up the ones it missed.
      const [now] = await tx.query<{ now: Date }>(`SELECT greatest(clock_timestamp(), $1::timestamptz) AS now`, [
        dueAt,
      ]);
      await this.queueNext(tx, await this.nextDue(tx, setting, now!.now));
      return { result: await tx.manager.findOneByOrFail(ReleaseRun, { id: run.id }), audit: [] };
    });
    if (!claimed?.releaseId || claimed.outcome !== ReleaseRunOutcome.RUNNING) return claimed;
    const release = await this.releases.build(ctx, claimed.releaseId);
    const outcome = release.status === ReleaseStatus.PUBLISHED ? ReleaseRunOutcome.PUBLISHED : ReleaseRunOutcome.FAILED;
    await this.finish(ctx, claimed.id, outcome, release.id, claimed.changedPeople);
    return ctx.manager.findOneByOrFail(ReleaseRun, { id: claimed.id });
  }

  /** A run whose build cannot succeed: its release is FAILED, and so is the run. */
  async markFailed(ctx: RequestContext, dueAt: Date): Promise<void> {
    const run = await ctx.manager.findOneBy(ReleaseRun, { engagementId: ctx.engagementId, dueAt });
    if (!run || run.outcome !== ReleaseRunOutcome.RUNNING) return;
    if (run.releaseId) await this.releases.markFailed(ctx, run.releaseId);
    await this.finish(ctx, run.id, ReleaseRunOutcome.FAILED, run.releaseId, run.changedPeople);
  }

  /**
   * UNCHANGED when no fact has changed since the last release was built (the facts version it
   * recorded); HELD when fewer people than the threshold changed since its snapshot, so one
   * person's withdrawal is never the only difference between two releases.
   */
  private async decide(
    tx: RequestContext,
    threshold: number,
  ): Promise<{ outcome: ReleaseRunOutcome; changedPeople: number | null }> {
    const [last] = await tx.query<{ snapshot_at: Date; facts_version: string | null; current: string }>(
      `SELECT r.snapshot_at, r.facts_version::text,
              coalesce((SELECT version FROM aggregate_versions WHERE engagement_id = $1), 0)::text AS current
       FROM releases r WHERE r.engagement_id = $1 AND r.status = 'PUBLISHED' ORDER BY r.version DESC LIMIT 1`,
      [tx.engagementId],
    );
    if (!last) return { outcome: ReleaseRunOutcome.PUBLISHED, changedPeople: null };
    if (last.facts_version === last.current) return { outcome: ReleaseRunOutcome.UNCHANGED, changedPeople: 0 };
    const changedPeople = await this.changedPeople(tx, last.snapshot_at);
    return {
      outcome: changedPeople >= threshold ? ReleaseRunOutcome.PUBLISHED : ReleaseRunOutcome.HELD,
      changedPeople,
    };
  }

  /** People changed since the last published release (all of them before the first); staff only. */
  async changedSinceLastRelease(ctx: RequestContext): Promise<number> {
    ctx.require(Permission.ReleasePublish);
    const [last] = await ctx.query<{ snapshot_at: Date }>(
      `SELECT snapshot_at FROM releases WHERE engagement_id = $1 AND status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
      [ctx.engagementId],
    );
    return this.changedPeople(ctx, last?.snapshot_at ?? new Date(0));
  }

  /**
   * People whose figures may differ since `since`: with a response stored or coded since, or
   * whose responses were deleted (a PARTICIPATION withdrawal) or who were erased since (the
   * audit trail keeps those, with no personal data).
   */
  private async changedPeople(tx: RequestContext, since: Date): Promise<number> {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT r.participant_id AS who FROM responses r JOIN sessions s ON s.id = r.session_id
         WHERE s.engagement_id = $1 AND r.participant_id IS NOT NULL AND r.created_at > $2
         UNION
         SELECT r.participant_id FROM codings c JOIN responses r ON r.id = c.response_id
           JOIN sessions s ON s.id = r.session_id
         WHERE s.engagement_id = $1 AND r.participant_id IS NOT NULL AND c.created_at > $2
         UNION
         SELECT entity_id FROM audit_events
         WHERE action IN ('participant.responses_deleted', 'participant.erased') AND at > $2
       ) changed`,
      [tx.engagementId, since],
    );
    return row!.n;
  }

  private async finish(
    ctx: RequestContext,
    runId: string,
    outcome: ReleaseRunOutcome,
    releaseId: string | null,
    changedPeople: number | null,
  ): Promise<void> {
    await ctx.query(
      `UPDATE release_runs SET outcome = $2, release_id = $3, changed_people = $4, finished_at = clock_timestamp()
       WHERE id = $1`,
      [runId, outcome, releaseId, changedPeople],
    );
  }

  /** Queues the run for `dueAt` as Chorus itself (not whoever set the schedule, who may leave), or none. */
  private async queueNext(tx: RequestContext, dueAt: Date | null): Promise<void> {
    if (!dueAt) {
      await tx.query(`SELECT graphile_worker.remove_job($1)`, [jobKey(tx.engagementId)]);
      return;
    }
    await this.jobs.enqueue(
      tx.as(Caller.system),
      scheduledReleaseTask,
      { dueAt: dueAt.toISOString() },
      { runAt: dueAt, jobKey: jobKey(tx.engagementId) },
    );
  }

  private async setting(ctx: RequestContext): Promise<SettingRow> {
    const [row] = await ctx.query<SettingRow>(
      `SELECT release_frequency AS frequency, to_char(release_time, 'HH24:MI') AS time, release_weekday AS weekday,
              suppression_threshold AS threshold
       FROM engagements WHERE id = $1`,
      [ctx.engagementId],
    );
    return row!;
  }

  private async describe(ctx: RequestContext, setting: SettingRow): Promise<ReleaseSchedule> {
    const [now] = await ctx.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return {
      frequency: setting.frequency,
      time: setting.time,
      weekday: setting.weekday,
      timeZone: RELEASE_TIME_ZONE,
      nextDueAt: await this.nextDue(ctx, setting, now!.now),
      minimumChangedPeople: setting.threshold,
    };
  }

  /** The first due time after `after`: the setting's local time in Europe/London, through BST changes. */
  async nextDue(ctx: RequestContext, setting: Omit<SettingRow, 'threshold'>, after: Date): Promise<Date | null> {
    if (setting.frequency === ReleaseFrequency.NONE) return null;
    const [row] = await ctx.query<{ due: Date | null }>(
      `SELECT min(((($1::timestamptz AT TIME ZONE '${RELEASE_TIME_ZONE}')::date + i) + $2::time)
                  AT TIME ZONE '${RELEASE_TIME_ZONE}') AS due
       FROM generate_series(0, 8) i
       WHERE ((($1::timestamptz AT TIME ZONE '${RELEASE_TIME_ZONE}')::date + i) + $2::time)
               AT TIME ZONE '${RELEASE_TIME_ZONE}' > $1::timestamptz
         AND ($3::smallint IS NULL
              OR extract(isodow FROM ($1::timestamptz AT TIME ZONE '${RELEASE_TIME_ZONE}')::date + i) = $3)`,
      [after, setting.time, setting.frequency === ReleaseFrequency.WEEKLY ? setting.weekday : null],
    );
    return row!.due;
  }
}

function describeSetting(setting: Omit<SettingRow, 'threshold'>): string {
  if (setting.frequency === ReleaseFrequency.NONE) return 'NONE';
  return [setting.frequency, setting.weekday, setting.time].filter((part) => part !== null).join(' ');
}
