import type { RequestContext } from '../db/request-context.js';
import type { AuditEntry } from './audit-action.js';

/**
 * The one place the audit trail is written: who (the caller), did what (a typed action), to which
 * record, in which engagement and request, and when. `details` must never hold personal data (no
 * names, contact details or response text): ids, counts and enum values only.
 */
export class AuditService {
  async record(ctx: RequestContext, ...entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await ctx.query(
      `INSERT INTO audit_events (actor_user_id, actor_api_key_id, engagement_id, request_id, action, entity_type, entity_id, details)
       SELECT $1, $2, $3, $4, e.action, e.entity_type, e.entity_id, e.details
       FROM unnest($5::text[], $6::text[], $7::uuid[], $8::jsonb[]) AS e(action, entity_type, entity_id, details)`,
      [
        ctx.caller.userId,
        ctx.caller.apiKeyId,
        ctx.engagementId,
        ctx.requestId,
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => JSON.stringify(e.details ?? {})),
      ],
    );
  }

  /**
   * The erasure procedure's one exception to the append-only trail: entries about the erased
   * records keep what was done and when, but lose the record id, so nothing left links them to
   * the person. The trigger allows exactly this (record id to null, nothing else) while
   * `chorus.audit_anonymise` is on, and it is on only for this statement of the transaction.
   */
  async anonymise(ctx: RequestContext, recordIds: readonly string[]): Promise<number> {
    if (!ctx.inTransaction) throw new Error('anonymise runs inside the erasure transaction');
    if (!recordIds.length) return 0;
    await ctx.query(`SELECT set_config('chorus.audit_anonymise', 'on', true)`);
    try {
      const rows = await ctx.query<{ id: string }>(
        `UPDATE audit_events SET entity_id = NULL WHERE entity_id = ANY($1::uuid[]) RETURNING id`,
        [recordIds],
      );
      return rows.length;
    } finally {
      await ctx.query(`SELECT set_config('chorus.audit_anonymise', 'off', true)`);
    }
  }
}
