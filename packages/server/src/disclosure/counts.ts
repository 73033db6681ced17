import { cityMonth, type AgeBand, type Prompt, type Sector, type SessionFormat } from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';
import { CELL_KEY_MODULUS } from './ptable.js';
import { Dimension, Measure } from './dimensions.js';

/** A checked filter on the fact tables: one value per dimension or none, and a London month as [from, to). */
export interface TallyFilter {
  areaId: string | null;
  format: SessionFormat | null;
  prompt: Prompt | null;
  ageBand: AgeBand | null;
  sector: Sector | null;
  from: Date | null;
  to: Date | null;
  /** Only responses coded to at least one theme (the CODED_RESPONSES measure). */
  coded: boolean;
}

/**
 * True counts of one cell and their cell keys. Never leaves the disclosure module unperturbed.
 * Participants are null where the caller asked for responses only. Counted from sessions, the
 * responses fields hold the sessions and their record keys.
 */
export interface Tally {
  dimensions: Dimension[];
  keys: (string | null)[];
  responses: number;
  responseKey: number;
  participants: number | null;
  participantKey: number | null;
}

/** Both measures, for a caller that releases both. */
export const BOTH: readonly Measure[] = [Measure.RESPONSES, Measure.PARTICIPANTS];

const COLUMN: Record<Dimension, string> = {
  // Ids as uuids, not text: hashed and sorted as 16 bytes, in their indexes' order.
  [Dimension.AREA]: 'f.area_id',
  [Dimension.FORMAT]: 'f.format',
  [Dimension.PROMPT]: 'f.prompt',
  [Dimension.AGE_BAND]: 'f.age_band',
  // The calendar month in Europe/London, as the theme_cells counters key it (migration 1796520000000).
  [Dimension.MONTH]: 'london_month(f.starts_at)',
  [Dimension.SECTOR]: 'f.sector',
  [Dimension.THEME]: 'f.theme_id',
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
  if (filter.coded) where.push(`EXISTS (SELECT 1 FROM codings c WHERE c.response_id = f.response_id)`);
  return { params, where };
}

/** The one category a filter narrows to, as `theme_cells` keys it, or null for none; undefined for more than one. */
function filterCategory(filter: TallyFilter): { dimension: string; value: string | null } | null | undefined {
  const narrowed = [
    filter.areaId !== null && { dimension: Dimension.AREA, value: filter.areaId },
    filter.format !== null && { dimension: Dimension.FORMAT, value: filter.format },
    filter.prompt !== null && { dimension: Dimension.PROMPT, value: filter.prompt },
    filter.ageBand !== null && { dimension: Dimension.AGE_BAND, value: filter.ageBand },
    filter.sector !== null && { dimension: Dimension.SECTOR, value: filter.sector },
    filter.from !== null && { dimension: Dimension.MONTH, value: cityMonth(filter.from) },
  ].filter((n) => n !== false);
  // The counters hold every response, coded or not.
  if (narrowed.length > 1 || filter.coded) return undefined;
  return narrowed[0] ?? null;
}

/**
 * Each theme's figures, counting its whole subtree, for every grouping set (each ends with THEME):
 * from the counters kept on write (`theme_cells`, `theme_reach`, migration 1796370000000) where
 * they hold the answer, a few rows per theme; otherwise from `theme_response_facts`, a theme's
 * subtree being one index range. The counters hold responses per theme and category of one
 * dimension (so a table by one dimension, or a filter on one), and participants per theme over
 * the whole engagement only: distinct people do not add up across categories.
 */
export async function tallyThemes(
  ctx: RequestContext,
  sets: Dimension[][],
  filter: TallyFilter,
  measures: readonly Measure[] = BOTH,
): Promise<Tally[]> {
  const category = filterCategory(filter);
  const withParticipants = measures.includes(Measure.PARTICIPANTS);
  const served = (set: Dimension[]) =>
    set.at(-1) === Dimension.THEME &&
    (set.length === 1
      ? category === null || (category !== undefined && !withParticipants)
      : set.length === 2 && category === null && !withParticipants);
  const fromCounters = sets.filter(served);
  const [counted, rest] = await Promise.all([
    Promise.all(fromCounters.map((set) => readThemeCells(ctx, set, category ?? null, withParticipants))),
    tally(
      ctx,
      'themes',
      sets.filter((set) => !served(set)),
      filter,
      measures,
    ),
  ]);
  return [...counted.flat(), ...rest];
}

async function readThemeCells(
  ctx: RequestContext,
  set: Dimension[],
  category: { dimension: string; value: string | null } | null,
  withParticipants: boolean,
): Promise<Tally[]> {
  const by = set.length === 2 ? set[0]! : null;
  const [dimension, value] = by ? [by, null] : category ? [category.dimension, category.value] : ['ALL', null];
  const rows = await ctx.query<{
    theme: string;
    category: string | null;
    responses: number;
    response_key: number;
    participants: number | null;
    participant_key: number | null;
  }>(
    `SELECT c.theme_id::text AS theme, c.value AS category, c.responses,
            (c.response_key % ${CELL_KEY_MODULUS})::int AS response_key,
            ${withParticipants ? `coalesce(r.participants, 0)` : 'NULL::int'} AS participants,
            ${withParticipants ? `(coalesce(r.participant_key, 0) % ${CELL_KEY_MODULUS})::int` : 'NULL::int'} AS participant_key
     FROM themes t JOIN theme_cells c ON c.theme_id = t.id
     ${withParticipants ? 'LEFT JOIN theme_reach r ON r.theme_id = t.id' : ''}
     WHERE t.engagement_id = $1 AND c.dimension = $2 AND c.responses > 0
       ${by ? '' : 'AND c.value IS NOT DISTINCT FROM $3'}`,
    by ? [ctx.engagementId, dimension] : [ctx.engagementId, dimension, value],
  );
  return rows.map((row) => ({
    dimensions: set,
    keys: by ? [row.category, row.theme] : [row.theme],
    responses: row.responses,
    responseKey: row.response_key,
    participants: row.participants,
    participantKey: row.participant_key,
  }));
}

/**
 * Like `tally` over the response facts, but the whole engagement's figure (the empty grouping set,
 * with no filter) is read from `engagement_participants` (migration 1796510000000), kept on write:
 * one row per participant instead of every response.
 */
export async function tallyResponses(
  ctx: RequestContext,
  sets: Dimension[][],
  filter: TallyFilter,
  measures: readonly Measure[] = BOTH,
): Promise<Tally[]> {
  const served = (set: Dimension[]) => set.length === 0 && filterCategory(filter) === null;
  const [counted, rest] = await Promise.all([
    sets.some(served) ? readEngagementTotal(ctx, measures.includes(Measure.PARTICIPANTS)) : [],
    tally(
      ctx,
      'responses',
      sets.filter((set) => !served(set)),
      filter,
      measures,
    ),
  ]);
  return [...counted, ...rest];
}

async function readEngagementTotal(ctx: RequestContext, withParticipants: boolean): Promise<Tally[]> {
  const [row] = await ctx.query<{
    responses: number;
    response_key: number;
    participants: number;
    participant_key: number;
  }>(
    `SELECT coalesce(sum(responses), 0)::int AS responses,
            (coalesce(sum(response_key), 0) % ${CELL_KEY_MODULUS})::int AS response_key,
            count(participant_id)::int AS participants,
            (coalesce(sum(participant_key), 0) % ${CELL_KEY_MODULUS})::int AS participant_key
     FROM engagement_participants WHERE engagement_id = $1`,
    [ctx.engagementId],
  );
  return [
    {
      dimensions: [],
      keys: [],
      responses: row!.responses,
      responseKey: row!.response_key,
      participants: withParticipants ? row!.participants : null,
      participantKey: withParticipants ? row!.participant_key : null,
    },
  ];
}

/**
 * The sessions held by now (in a release's build, its snapshot) as facts: one row per session, its
 * record key where a response's is, no participant. Only a session's own dimensions are there.
 */
const SESSION_FACTS = `(SELECT s.engagement_id, s.area_id, s.format, s.starts_at, o.sector, NULL::uuid AS participant_id,
    s.record_key AS response_key, NULL::smallint AS participant_key
  FROM sessions s LEFT JOIN organisations o ON o.id = s.organisation_id
  WHERE s.status = 'HELD' AND s.starts_at <= now())`;

/**
 * Counts distinct responses and participants, with the sums of their record keys, for each
 * grouping set, in one statement over one snapshot. From `themes` (theme_response_facts), a theme
 * counts every response coded anywhere in its subtree, once. Distinct participants in two steps:
 * per participant first (their key counted once), then per cell; skipped when only responses are
 * asked for. Group notes (no participant) count as responses only. From `sessions`, the sessions
 * held are counted in the responses fields.
 */
export async function tally(
  ctx: RequestContext,
  source: 'responses' | 'themes' | 'sessions',
  sets: Dimension[][],
  filter: TallyFilter,
  measures: readonly Measure[] = BOTH,
): Promise<Tally[]> {
  if (sets.length === 0) return [];
  const used = [...new Set(sets.flat())];
  const { params, where } = factConditions(ctx, filter);
  const withParticipants = measures.includes(Measure.PARTICIPANTS);
  // Distinct participants per theme are counted one theme at a time: each theme's facts are one
  // range of its covering index, and its per-person groups fit in memory, where all themes'
  // together (3M at 1M responses) spill to disk: 10 s instead of 29 s per table at 1M.
  const perTheme = source === 'themes' && withParticipants && sets.every((set) => set.includes(Dimension.THEME));
  // Otherwise the theme facts are scoped by the engagement's themes, which their indexes lead with.
  where.unshift(
    source !== 'themes'
      ? 'f.engagement_id = $1'
      : perTheme
        ? 'f.theme_id = t.id'
        : 'f.theme_id IN (SELECT id FROM themes WHERE engagement_id = $1)',
  );
  const names = used.map((_, i) => `d${i}`);
  const projected = used.map((d, i) => `${COLUMN[d]} AS d${i}`);
  const facts = `SELECT ${[...projected, 'f.participant_id', 'f.response_key', 'f.participant_key'].join(', ')}
    FROM ${{ responses: 'response_facts', themes: 'theme_response_facts', sessions: SESSION_FACTS }[source]} f
    WHERE ${where.join(' AND ')}`;
  const mask = names.length ? `GROUPING(${names.join(', ')})` : '0';
  const column = (d: Dimension) => names[used.indexOf(d)]!;
  // Per person, keys in the order the covering indexes hold the facts: a theme, then its
  // participants (theme_response_facts), or the engagement's participants (response_facts).
  const perPerson = (set: Dimension[]) => [
    ...set.filter((d) => d === Dimension.THEME).map(column),
    'participant_id',
    ...set.filter((d) => d !== Dimension.THEME).map(column),
  ];
  const groupingSets = sets
    .map((set) => `(${(withParticipants ? perPerson(set) : set.map(column)).join(', ')})`)
    .join(', ');
  const sql = withParticipants
    ? `SELECT ${['mask', ...names].join(', ')}, sum(n)::int AS responses, (sum(rk) % ${CELL_KEY_MODULUS})::int AS response_key,
              count(participant_id)::int AS participants, (coalesce(sum(pk), 0) % ${CELL_KEY_MODULUS})::int AS participant_key
       FROM ${perTheme ? 'themes t CROSS JOIN LATERAL ' : ''}(
         SELECT ${[`${mask} AS mask`, ...names].join(', ')}, participant_id, count(*) AS n, sum(response_key) AS rk,
                min(participant_key) AS pk
         FROM (${facts}) facts
         GROUP BY GROUPING SETS (${groupingSets})
       ) per_person
       ${perTheme ? 'WHERE t.engagement_id = $1' : ''}
       GROUP BY ${['mask', ...names].join(', ')}`
    : `SELECT ${[`${mask} AS mask`, ...names].join(', ')}, count(*)::int AS responses,
              (sum(response_key) % ${CELL_KEY_MODULUS})::int AS response_key
       FROM (${facts}) facts
       GROUP BY GROUPING SETS (${groupingSets})`;
  const rows = await ctx.query<Record<string, string | number | null>>(sql, params);
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
        participants: withParticipants ? Number(row.participants) : null,
        participantKey: withParticipants ? Number(row.participant_key) : null,
      },
    ];
  });
}

/** One participant heard under a filter, with their record key. Never leaves the disclosure module. */
export interface HeardParticipant {
  participantId: string;
  participantKey: number;
}

/**
 * Every participant heard under the filter, once, for a breakdown SQL cannot group by: the
 * special-category answers are encrypted, so they are opened and counted in the application.
 */
export async function heardParticipants(ctx: RequestContext, filter: TallyFilter): Promise<HeardParticipant[]> {
  const { params, where } = factConditions(ctx, filter);
  where.unshift('f.engagement_id = $1', 'f.participant_id IS NOT NULL');
  const rows = await ctx.query<{ participant_id: string; participant_key: number }>(
    `SELECT f.participant_id, min(f.participant_key)::int AS participant_key
     FROM response_facts f WHERE ${where.join(' AND ')} GROUP BY f.participant_id`,
    params,
  );
  return rows.map((row) => ({ participantId: row.participant_id, participantKey: Number(row.participant_key) }));
}
