import { Permission } from '@chorus/shared';
import { Caller } from '../access/caller.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import type { Idempotency } from '../common/idempotency.js';
import { paginate, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Engagement } from '../engagements/engagement.entity.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { RetentionRun } from './retention-run.entity.js';
import { applyRetentionTask } from './retention.task.js';

/** The furthest ahead a retention date may be set. */
const MAX_YEARS_AHEAD = 10;

/** A real calendar day as YYYY-MM-DD, or BAD_USER_INPUT naming `retentionDate`. */
export const validRetentionDate = (value: string): string => validate.calendarDay('retentionDate', value);

/** The moment the job acts: the start (UTC) of the day after the retention date. */
const dueAt = (retentionDate: string) => new Date(Date.parse(`${retentionDate}T00:00:00Z`) + 86_400_000);

const jobKey = (engagementId: string) => `retention:${engagementId}`;

/**
 * Retention (UK GDPR storage limitation): after the engagement's retention date, contact details,
 * the name digests kept from them, and special-category answers are deleted; responses stay,
 * pseudonymous. Each run records counts, never people.
 */
export class RetentionService {
  constructor(
    private readonly useCases: UseCases,
    private readonly jobs: JobQueue,
    private readonly idempotency: Idempotency,
    private readonly cursors: Cursors,
  ) {}

  /** Sets (or with null clears) the date, and queues the job for the day after it (audited). */
  setRetentionDate(ctx: RequestContext, value: string | null | undefined): Promise<Engagement> {
    // Left out is not the same as null: clearing the date must be asked for.
    if (value === undefined)
      throw badInput('retentionDate', 'retentionDate must be given: a date, or null to clear it');
    return this.useCases.run(ctx, Permission.RetentionManage, async (tx) => {
      const retentionDate = value === null ? null : validRetentionDate(value);
      const [engagement] = await tx.query<{ ends_on: string | null; retention_date: string | null }>(
        `SELECT ends_on::text, retention_date::text FROM engagements WHERE id = $1 FOR UPDATE`,
        [tx.engagementId],
      );
      if (retentionDate) {
        if (engagement!.ends_on && retentionDate < engagement!.ends_on) {
          throw badInput(
            'retentionDate',
            `retentionDate must be on or after the last day of listening (${engagement!.ends_on})`,
          );
        }
        const latest = new Date();
        latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
        if (dueAt(retentionDate) > latest) {
          throw badInput('retentionDate', `retentionDate must be within ${MAX_YEARS_AHEAD} years from today`);
        }
      }
      await tx.query(`UPDATE engagements SET retention_date = $2 WHERE id = $1`, [tx.engagementId, retentionDate]);
      if (retentionDate) {
        // The system caller: retention must happen even once the admin who set the date has left.
        await this.jobs.enqueue(
          tx.as(Caller.system),
          applyRetentionTask,
          { retentionDate },
          { runAt: dueAt(retentionDate), jobKey: jobKey(tx.engagementId) },
        );
      } else {
        await tx.query(`SELECT graphile_worker.remove_job($1)`, [jobKey(tx.engagementId)]);
      }
      return audited(await tx.manager.findOneByOrFail(Engagement, { id: tx.engagementId }), {
        action: AuditAction.EngagementRetentionDateChanged,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: { from: engagement!.retention_date, to: retentionDate },
      });
    });
  }

  /**
   * Deletes what the retention date covers, once it has passed and only if it is still the date
   * the job was queued for (a changed date has queued its own job). Returns the run's report, or
   * null when there was nothing due.
   */
  apply(ctx: RequestContext, retentionDate: string): Promise<RetentionRun | null> {
    return this.useCases.run(ctx, Permission.RetentionManage, async (tx) => {
      const [due] = await tx.query<{ due: boolean }>(
        `SELECT retention_date = $2::date AND now() >= (retention_date + 1)::timestamp AT TIME ZONE 'UTC' AS due
         FROM engagements WHERE id = $1 FOR UPDATE`,
        [tx.engagementId, retentionDate],
      );
      if (!due?.due) return { result: null, audit: [] };
      const [held] = await tx.query<{ contacts: number; special: number }>(
        `WITH held AS (
           SELECT id, contact_encrypted IS NOT NULL AS contact, special_category_encrypted IS NOT NULL AS special
           FROM participants
           WHERE engagement_id = $1 AND (contact_encrypted IS NOT NULL OR special_category_encrypted IS NOT NULL)
           FOR UPDATE),
         cleared AS (
           UPDATE participants p SET contact_encrypted = NULL, special_category_encrypted = NULL
           FROM held WHERE p.id = held.id RETURNING 1)
         SELECT count(*) FILTER (WHERE contact)::int AS contacts, count(*) FILTER (WHERE special)::int AS special
         FROM held`,
        [tx.engagementId],
      );
      const [digests] = await tx.query<{ n: number }>(
        `WITH gone AS (DELETE FROM contact_name_digests WHERE engagement_id = $1 RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [tx.engagementId],
      );
      // Registration keys hashed the details just deleted.
      await this.idempotency.forget(
        tx,
        'participant_registrations',
        `SELECT r.id FROM participant_registrations r JOIN participants p ON p.id = r.participant_id
         WHERE p.engagement_id = $1`,
        [tx.engagementId],
      );
      const [run] = await tx.query<{ id: string }>(
        `INSERT INTO retention_runs
           (engagement_id, retention_date, contact_details_deleted, special_category_deleted, name_digests_deleted)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [tx.engagementId, retentionDate, held!.contacts, held!.special, digests!.n],
      );
      const report = await tx.manager.findOneByOrFail(RetentionRun, { id: run!.id });
      return audited(report, {
        action: AuditAction.RetentionApplied,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: {
          retentionDate,
          contactDetailsDeleted: report.contactDetailsDeleted,
          specialCategoryDeleted: report.specialCategoryDeleted,
          nameDigestsDeleted: report.nameDigestsDeleted,
        },
      });
    });
  }

  /** What the retention job has done, newest first. */
  runs(ctx: RequestContext, page: PageArgs): Promise<Page<RetentionRun>> {
    ctx.require(Permission.RetentionManage);
    const query = ctx.manager
      .createQueryBuilder(RetentionRun, 'r')
      .where('r.engagement_id = :engagementId', { engagementId: ctx.engagementId });
    return paginate(
      query,
      { column: 'r.ran_at', idColumn: 'r.id', type: 'timestamptz', valueOf: (r) => r.ranAt.toISOString() },
      page,
      this.cursors,
    );
  }
}
