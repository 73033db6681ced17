import { Permission } from '@chorus/shared';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../db/request-context.js';
import { Engagement } from './engagement.entity.js';

export const DEFAULT_NOTICE_VERSION = 'v1';

export class EngagementsService {
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
}
