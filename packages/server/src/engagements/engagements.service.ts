import { LIMITS, Permission } from '@chorus/shared';
import type { DataSource } from 'typeorm';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Engagement } from './engagement.entity.js';

export const DEFAULT_NOTICE_VERSION = 'v1';

/** The range CHORUS_SUPPRESSION_THRESHOLD accepts, too. */
export const THRESHOLD_RANGE = { min: LIMITS.thresholdMin, max: LIMITS.thresholdMax } as const;

/** Fields left out (undefined) stay as they are; the name cannot be cleared, the days can (null). */
export interface EngagementPatch {
  name?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** The longest a privacy-notice version's label may be. */
const NOTICE_VERSION_LENGTH = LIMITS.noticeVersionLength;

export class EngagementsService {
  constructor(private readonly useCases: UseCases) {}

  /**
   * The engagement requests act on: the oldest one. Most installs hold one; the model allows
   * several, and an engagement switcher can choose later without a schema change.
   */
  async ensureDefault(dataSource: DataSource, suppressionThreshold: number): Promise<string> {
    return dataSource.transaction(async (manager) => {
      // Serialise concurrent first starts of several instances.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:default-engagement'))`);
      const [existing] = await manager.query<{ id: string }[]>(
        `SELECT id FROM engagements ORDER BY created_at, id LIMIT 1`,
      );
      if (existing) return existing.id;
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO engagements (name, notice_versions, suppression_threshold) VALUES ($1, $2, $3) RETURNING id`,
        ['Community listening exercise', [DEFAULT_NOTICE_VERSION], suppressionThreshold],
      );
      // INSERT … RETURNING gives exactly one row.
      return created!.id;
    });
  }

  current(ctx: RequestContext): Promise<Engagement> {
    ctx.require(Permission.ReferenceRead);
    return ctx.manager.findOneByOrFail(Engagement, { id: ctx.engagementId });
  }

  /** Renames the engagement or moves its listening period, which must not end before it starts. */
  update(ctx: RequestContext, patch: EngagementPatch): Promise<Engagement> {
    return this.useCases.run(ctx, Permission.EngagementManage, async (tx) => {
      const engagement = await tx.manager.findOneOrFail(Engagement, {
        where: { id: tx.engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (patch.name === null) throw badInput('name', 'name cannot be cleared');
      const name = patch.name === undefined ? engagement.name : validate.requiredText('name', patch.name);
      const day = (field: 'startsOn' | 'endsOn') => {
        const value = patch[field];
        if (value === undefined) return engagement[field];
        return value === null ? null : validate.calendarDay(field, value);
      };
      const startsOn = day('startsOn');
      const endsOn = day('endsOn');
      if (startsOn && endsOn && endsOn < startsOn) {
        // Named after the day the caller changed; the end when both changed.
        const field = patch.endsOn === undefined ? 'startsOn' : 'endsOn';
        throw badInput(
          field,
          field === 'endsOn' ? 'endsOn must not be before startsOn' : 'startsOn must not be after endsOn',
        );
      }
      await tx.manager.update(Engagement, { id: tx.engagementId }, { name, startsOn, endsOn });
      return audited(await tx.manager.findOneByOrFail(Engagement, { id: tx.engagementId }), {
        action: AuditAction.EngagementUpdated,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: {
          fields: (['name', 'startsOn', 'endsOn'] as const).filter((key) => patch[key] !== undefined).join(','),
        },
      });
    });
  }

  /** Adds a privacy-notice version, which becomes the current one that consent forms offer first. */
  addNoticeVersion(ctx: RequestContext, rawVersion: string): Promise<Engagement> {
    return this.useCases.run(ctx, Permission.EngagementManage, async (tx) => {
      const version = validate.requiredText('version', rawVersion, NOTICE_VERSION_LENGTH);
      const engagement = await tx.manager.findOneOrFail(Engagement, {
        where: { id: tx.engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (engagement.noticeVersions.some((known) => known.toLowerCase() === version.toLowerCase())) {
        throw badInput('version', 'this privacy-notice version is already listed');
      }
      await tx.query(`UPDATE engagements SET notice_versions = array_append(notice_versions, $2) WHERE id = $1`, [
        tx.engagementId,
        version,
      ]);
      return audited(await tx.manager.findOneByOrFail(Engagement, { id: tx.engagementId }), {
        action: AuditAction.EngagementNoticeVersionAdded,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: { version },
      });
    });
  }

  /** The smallest figure any table releases from now on; releases already cut keep theirs. */
  setSuppressionThreshold(ctx: RequestContext, threshold: number): Promise<Engagement> {
    return this.useCases.run(ctx, Permission.DisclosureManage, async (tx) => {
      if (!Number.isInteger(threshold) || threshold < THRESHOLD_RANGE.min || threshold > THRESHOLD_RANGE.max) {
        throw badInput(
          'threshold',
          `threshold must be a whole number from ${THRESHOLD_RANGE.min} to ${THRESHOLD_RANGE.max}`,
        );
      }
      const [before] = await tx.query<{ threshold: number }>(
        `SELECT suppression_threshold AS threshold FROM engagements WHERE id = $1 FOR UPDATE`,
        [tx.engagementId],
      );
      await tx.query(`UPDATE engagements SET suppression_threshold = $2 WHERE id = $1`, [tx.engagementId, threshold]);
      const engagement = await tx.manager.findOneByOrFail(Engagement, { id: tx.engagementId });
      return audited(engagement, {
        action: AuditAction.EngagementThresholdChanged,
        entityType: 'engagement',
        entityId: tx.engagementId,
        details: { from: before!.threshold, to: threshold },
      });
    });
  }
}
