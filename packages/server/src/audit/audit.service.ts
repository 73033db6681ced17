import type { RequestContext } from '../db/request-context.js';
import type { AuditAction, AuditDetails, AuditEntity } from './audit-action.js';

/**
 * The audit trail: who did what to which record, and when. `details` must never hold personal
 * data (no names, contact details or response text): ids, counts and enum values only.
 */
export class AuditService {
  async record(
    ctx: RequestContext,
    action: AuditAction,
    entityType: AuditEntity,
    entityId: string | null,
    details: AuditDetails = {},
  ): Promise<void> {
    await ctx.query(
      `INSERT INTO audit_events (actor_user_id, actor_api_key_id, action, entity_type, entity_id, details)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [ctx.caller.userId, ctx.caller.apiKeyId, action, entityType, entityId, JSON.stringify(details)],
    );
  }
}
