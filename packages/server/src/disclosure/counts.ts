import type { AgeBand, Prompt, Sector, SessionFormat } from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';
import { CELL_KEY_MODULUS } from './ptable.js';
import { Dimension } from './dimensions.js';

/** A checked filter on the fact tables: one value per dimension or none, and a month as [from, to). */
export interface TallyFilter {
  areaId: string | null;
  format: SessionFormat | null;
  prompt: Prompt | null;
  ageBand: AgeBand | null;
  sector: Sector | null;
  from: Date | null;
  to: Date | null;
}

/** True counts of one cell and their cell keys. Never leaves the disclosure module unperturbed. */
export interface Tally {
  dimensions: Dimension[];
  keys: (string | null)[];
  responses: number;
  responseKey: number;
  participants: number;
  participantKey: number;
}

const COLUMN: Record<Dimension, string> = {
  [Dimension.AREA]: 'f.area_id::text',
  [Dimension.FORMAT]: 'f.format',
  [Dimension.PROMPT]: 'f.prompt',
  [Dimension.AGE_BAND]: 'f.age_band',
  [Dimension.MONTH]: `to_char(f.starts_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
  [Dimension.SECTOR]: 'f.sector',
  [Dimension.THEME]: 'tree.ancestor::text',
};

/**
 * The filter as conditions on a fact table aliased `f`, with their parameters; $1 is the
 * engagement, which the caller scopes the facts to (by engagement_id, or by its themes).
 */
function factConditions(ctx: RequestContext, filter: TallyFilter): { params: unknown[]; where: string[] } {
  const params: unknown[] = [ctx.engagementId];
  const where: string[] = [];
  const narrow = (column: string, value: unknown) => {
    if (value === null) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  narrow('f.area_id', filter.areaId);
  narrow('f.format', filter.format);
  narrow('f.prompt', filter.prompt);
  narrow('f.age_band', filter.ageBand);
  narrow('f.sector', filter.sector);
  if (filter.from) {
    params.push(filter.from, filter.to);
    where.push(`f.starts_at >= $${params.length - 1} AND f.starts_at < $${params.length}`);
  }
  return { params, where };
}

/**
 * Each theme's figures, counting its whole subtree, for themeSummary over the whole engagement:
 * one theme at a time, from the covering index on (theme_id, participant_id), so no more than one
 * subtree's codings are ever sorted at once (the general `tally` sorts every theme's together).
 * The engagement's own themes scope the facts: a condition on engagement_id, which the index does
 * not carry, would make every row a heap fetch (5 s rather than 19 s cold at 1M responses).
 * Same counts and cell keys as `tally(ctx, 'codings', [[THEME]], filter)`.
 */
export async function tallyThemes(ctx: RequestContext, filter: TallyFilter): Promise<Tally[]> {
  const { params, where } = factConditions(ctx, filter);
  const rows = await ctx.query<{
    theme: string;
    responses: number;
    response_key: number;
    participants: number;
    participant_key: number;
  }>(
    `WITH RECURSIVE tree (ancestor, theme_id) AS (
       SELECT id, id FROM themes WHERE engagement_id = $1
       UNION ALL SELECT tree.ancestor, t.id FROM tree JOIN themes t ON t.parent_id = tree.theme_id),
     subtree AS (SELECT ancestor, array_agg(theme_id) AS ids FROM tree GROUP BY ancestor)
     SELECT subtree.ancestor::text AS theme, counted.*
     FROM subtree CROSS JOIN LATERAL (
       SELECT coalesce(sum(n), 0)::int AS responses, (coalesce(sum(rk), 0) % ${CELL_KEY_MODULUS})::int AS response_key,
              count(participant_id)::int AS participants, (coalesce(sum(pk), 0) % ${CELL_KEY_MODULUS})::int AS participant_key
       FROM (
         SELECT participant_id, count(*) AS n, sum(response_key) AS rk, min(participant_key) AS pk
         FROM (SELECT DISTINCT f.response_id, f.participant_id, f.response_key, f.participant_key
               FROM coding_facts f WHERE ${['f.theme_id = ANY(subtree.ids)', ...where].join(' AND ')}) coded
         GROUP BY participant_id
       ) per_person
     ) counted
     WHERE counted.responses > 0`,
    params,
  );
  return rows.map((row) => ({
    dimensions: [Dimension.THEME],
    keys: [row.theme],
    responses: row.responses,
    responseKey: row.response_key,
    participants: row.participants,
    participantKey: row.participant_key,
  }));
}

/**
 * Counts distinct responses and participants, with the sums of their record keys, for each
 * grouping set, in one statement over one snapshot. From `codings`, a theme counts every response
 * coded anywhere in its subtree, once. Distinct participants in two steps: per participant first
 * (their key counted once), then per cell. Group notes (no participant) count as responses only.
 */
export async function tally(
  ctx: RequestContext,
  source: 'responses' | 'codings',
  sets: Dimension[][],
  filter: TallyFilter,
): Promise<Tally[]> {
  if (sets.length === 0) return [];
  const used = [...new Set(sets.flat())];
  const { params, where } = factConditions(ctx, filter);
  where.unshift('f.engagement_id = $1');
  const names = used.map((_, i) => `d${i}`);
  const projected = used.map((d, i) => `${COLUMN[d]} AS d${i}`);
  const facts =
    source === 'responses'
      ? `SELECT ${[...projected, 'f.participant_id', 'f.response_key', 'f.participant_key'].join(', ')}
         FROM response_facts f WHERE ${where.join(' AND ')}`
      : `SELECT DISTINCT ${[...projected, 'f.response_id', 'f.participant_id', 'f.response_key', 'f.participant_key'].join(', ')}
         FROM coding_facts f JOIN tree ON tree.theme_id = f.theme_id WHERE ${where.join(' AND ')}`;
  const tree =
    source === 'codings'
      ? `WITH RECURSIVE tree (ancestor, theme_id) AS (
           SELECT id, id FROM themes WHERE engagement_id = $1
           UNION ALL SELECT tree.ancestor, t.id FROM tree JOIN themes t ON t.parent_id = tree.theme_id)`
      : '';
  const groupingSets = sets.map(
    (set) => `(${[...set.map((d) => names[used.indexOf(d)]), 'participant_id'].join(', ')})`,
  );
  const mask = names.length ? `GROUPING(${names.join(', ')})` : '0';
  const rows = await ctx.query<Record<string, string | number | null>>(
    `${tree}
     SELECT ${['mask', ...names].join(', ')}, sum(n)::int AS responses, (sum(rk) % ${CELL_KEY_MODULUS})::int AS response_key,
            count(participant_id)::int AS participants, (coalesce(sum(pk), 0) % ${CELL_KEY_MODULUS})::int AS participant_key
     FROM (
       SELECT ${[`${mask} AS mask`, ...names].join(', ')}, participant_id, count(*) AS n, sum(response_key) AS rk,
              min(participant_key) AS pk
       FROM (${facts}) facts
       GROUP BY GROUPING SETS (${groupingSets.join(', ')})
     ) per_person
     GROUP BY ${['mask', ...names].join(', ')}`,
    params,
  );
  // GROUPING() sets a bit, leftmost dimension highest, for each dimension a set leaves out.
  const maskOf = (set: Dimension[]) =>
    used.reduce((bits, d, i) => (set.includes(d) ? bits : bits | (1 << (used.length - 1 - i))), 0);
  return rows.flatMap((row) => {
    const set = sets.find((s) => maskOf(s) === Number(row.mask));
    if (!set) return [];
    return [
      {
        dimensions: set,
        keys: set.map((d) => row[names[used.indexOf(d)]!] as string | null),
        responses: Number(row.responses),
        responseKey: Number(row.response_key),
        participants: Number(row.participants),
        participantKey: Number(row.participant_key),
      },
    ];
  });
}
