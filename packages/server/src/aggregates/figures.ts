import type { RequestContext } from '../db/request-context.js';

/** The engagement's suppression threshold and figures version, in one statement. */
export async function readEngagementFigures(ctx: RequestContext): Promise<{ threshold: number; version: bigint }> {
  const [row] = await ctx.query<{ threshold: number; version: string }>(
    `SELECT e.suppression_threshold AS threshold, coalesce(v.version, 0)::text AS version
     FROM engagements e LEFT JOIN aggregate_versions v ON v.engagement_id = e.id
     WHERE e.id = $1`,
    [ctx.engagementId],
  );
  if (!row) throw new Error('The request engagement does not exist');
  return { threshold: row.threshold, version: BigInt(row.version) };
}
