import type { AgeBand, Prompt, SessionFormat } from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';

/** A validated filter: lists are null or non-empty, dates are real instants. */
export interface FactFilter {
  areaIds: string[] | null;
  formats: SessionFormat[] | null;
  prompts: Prompt[] | null;
  ageBands: AgeBand[] | null;
  from: Date | null;
  to: Date | null;
}

/** Unsuppressed counts under a filter, and the engagement's figures version they were read at. */
export interface Figures {
  version: bigint;
  responses: number;
  participants: number;
  byTheme: Map<string, { responses: number; participants: number }>;
}

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

/**
 * Counts responses and distinct participants, in all and per theme, from the fact tables
 * (`db/migrations/1796300000000-aggregate-facts.ts`). One statement, so the totals, the
 * themes and the version are read from one snapshot. Distinct participants are counted in two
 * steps (GROUP BY participant, then count the groups) rather than with count(DISTINCT): on the
 * indexes the rows arrive in participant order, so nothing is sorted or hashed at full size.
 */
export async function countFigures(ctx: RequestContext, filter: FactFilter): Promise<Figures> {
  const params: unknown[] = [ctx.engagementId];
  const where: string[] = [];
  const narrow = (condition: (placeholder: string) => string, value: unknown) => {
    if (value === null) return;
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  narrow((p) => `area_id = ANY(${p}::uuid[])`, filter.areaIds);
  narrow((p) => `format = ANY(${p}::text[])`, filter.formats);
  narrow((p) => `prompt = ANY(${p}::text[])`, filter.prompts);
  narrow((p) => `age_band = ANY(${p}::text[])`, filter.ageBands);
  narrow((p) => `starts_at >= ${p}`, filter.from);
  narrow((p) => `starts_at < ${p}`, filter.to);
  const and = where.map((condition) => ` AND ${condition}`).join('');
  // Per theme through LATERAL: each theme is one range of the (theme_id, participant_id) indexes.
  const rows = await ctx.query<{ theme_id: string | null; responses: number; participants: number; version: string }>(
    `SELECT NULL::uuid AS theme_id, coalesce(sum(n), 0)::int AS responses, count(participant_id)::int AS participants,
            (SELECT coalesce(max(version), 0) FROM aggregate_versions WHERE engagement_id = $1)::text AS version
     FROM (SELECT participant_id, count(*) AS n FROM response_facts WHERE engagement_id = $1${and}
           GROUP BY participant_id) per_person
     UNION ALL
     SELECT t.id, theme.responses, theme.participants, NULL
     FROM themes t CROSS JOIN LATERAL (
       SELECT coalesce(sum(n), 0)::int AS responses, count(participant_id)::int AS participants
       FROM (SELECT participant_id, count(*) AS n FROM coding_facts WHERE theme_id = t.id${and}
             GROUP BY participant_id) per_person
     ) theme
     WHERE t.engagement_id = $1`,
    params,
  );
  const totals = rows.find((row) => row.theme_id === null);
  const themes = rows.filter((row) => row.theme_id !== null);
  return {
    version: BigInt(totals!.version),
    responses: totals!.responses,
    participants: totals!.participants,
    byTheme: new Map(
      themes.map((row) => [row.theme_id!, { responses: row.responses, participants: row.participants }]),
    ),
  };
}
