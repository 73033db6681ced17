import type { RequestContext } from '../db/request-context.js';

/**
 * Blind double coding, enforced wherever codings are read: a coder with an open (unsubmitted)
 * blind assignment on a response reaches none of its codings, nor anything derived from them
 * (the response's themes, filters by theme or by being uncoded), until they submit their own.
 * `response` is SQL for the response id; `bind` turns the caller's id into a placeholder.
 */
export function notBlindCondition(ctx: RequestContext, response: string, bind: (value: string) => string): string {
  const userId = ctx.caller.userId;
  if (!userId) return 'true';
  return `NOT EXISTS (SELECT 1 FROM agreement_assignments blind_a JOIN agreement_items blind_i ON blind_i.id = blind_a.item_id
    WHERE blind_i.response_id = ${response} AND blind_a.coder_user_id = ${bind(userId)}
      AND blind_a.kind = 'BLIND' AND blind_a.submitted_at IS NULL)`;
}

/** `notBlindCondition` for statements with positional parameters, appended to `params`. */
export function notBlindSql(ctx: RequestContext, response: string, params: unknown[]): string {
  return notBlindCondition(ctx, response, (value) => `$${params.push(value)}`);
}

/** Of `responseIds`, those the caller is coding blind just now (whose codings they must not see). */
export async function blindResponseIds(ctx: RequestContext, responseIds: readonly string[]): Promise<Set<string>> {
  if (!ctx.caller.userId || !responseIds.length) return new Set();
  const rows = await ctx.read<{ response_id: string }>(
    `SELECT i.response_id FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id
     WHERE i.response_id = ANY($1::uuid[]) AND a.coder_user_id = $2 AND a.kind = 'BLIND' AND a.submitted_at IS NULL`,
    [responseIds, ctx.caller.userId],
  );
  return new Set(rows.map((row) => row.response_id));
}
