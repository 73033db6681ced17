import {
  AgeBand,
  CITY_TIME_ZONE,
  cityMonthStart,
  LABELS,
  Permission,
  Prompt,
  Sector,
  SessionFormat,
} from '@chorus/shared';
import { badInput, notFound } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { tally, tallyResponses, tallyThemes, type Tally, type TallyFilter } from './counts.js';
import { Dimension, Measure, SESSION_DIMENSIONS } from './dimensions.js';
import { METHOD, release, type ReleasedFigure } from './ptable.js';

/** One value per dimension, or none: never a union, never an open window (disclosure-control.md). */
export interface TableFilter {
  areaId?: string | null;
  format?: SessionFormat | null;
  prompt?: Prompt | null;
  ageBand?: AgeBand | null;
  /** A calendar month in Europe/London, `YYYY-MM`, by the session's start. */
  month?: string | null;
  sector?: Sector | null;
}

export interface TableSpec {
  rows: Dimension;
  columns: Dimension;
  measure: Measure;
  filter?: TableFilter;
}

/** A row or column of a table: its key (an id, an enum value, `YYYY-MM`; null = not stated) and a label. */
export interface Category {
  key: string | null;
  label: string;
}

export interface ReleasedCell extends ReleasedFigure {
  row: string | null;
  column: string | null;
}

export interface ReleasedMargin extends ReleasedFigure {
  key: string | null;
}

/** A table as it may leave Chorus: every figure already perturbed or withheld. */
export interface ReleasedTable {
  spec: Required<TableSpec>;
  threshold: number;
  method: string;
  rows: Category[];
  columns: Category[];
  cells: ReleasedCell[];
  /** Each row's own figure, counted from its records (with THEME columns: every response of the row). */
  rowTotals: ReleasedMargin[];
  columnTotals: ReleasedMargin[];
  total: ReleasedFigure;
}

const BREAKDOWNS = [
  Dimension.AREA,
  Dimension.FORMAT,
  Dimension.PROMPT,
  Dimension.AGE_BAND,
  Dimension.MONTH,
  Dimension.SECTOR,
] as const;
const CROSSED: [Dimension, Dimension][] = [
  [Dimension.AREA, Dimension.AGE_BAND],
  [Dimension.AREA, Dimension.MONTH],
  [Dimension.AREA, Dimension.FORMAT],
  [Dimension.AREA, Dimension.PROMPT],
  [Dimension.AGE_BAND, Dimension.MONTH],
];

/**
 * Every table a release holds: each breakdown by theme, and the crossings a warehouse asks for, in
 * both measures; then what the board report's methods print: the sessions held by area and format,
 * and the responses coded to a theme by area and prompt (beside responses-by-area-and-prompt, the
 * share coded).
 */
export const RELEASE_TABLES: readonly TableSpec[] = [
  ...[Measure.RESPONSES, Measure.PARTICIPANTS].flatMap((measure) => [
    ...BREAKDOWNS.map((rows) => ({ rows, columns: Dimension.THEME, measure, filter: {} })),
    ...CROSSED.map(([rows, columns]) => ({ rows, columns, measure, filter: {} })),
  ]),
  { rows: Dimension.AREA, columns: Dimension.FORMAT, measure: Measure.SESSIONS, filter: {} },
  { rows: Dimension.AREA, columns: Dimension.PROMPT, measure: Measure.CODED_RESPONSES, filter: {} },
];

const NOT_STATED = 'Not stated';

/**
 * The one way a released figure is made: counts and cell keys from the fact tables, through the
 * ptable. Margins are counted from their own records, never summed from cells.
 */
export async function computeTable(ctx: RequestContext, spec: TableSpec): Promise<ReleasedTable> {
  const [table] = await computeTables(ctx, [spec]);
  return table!;
}

/**
 * Several tables, each released exactly as `computeTable` releases it alone, but counted together:
 * the tables of one measure and filter share one statement per fact table (all their grouping sets
 * at once), so a release reads each theme's facts once for all its participants tables, not once
 * per table.
 */
export async function computeTables(ctx: RequestContext, specs: readonly TableSpec[]): Promise<ReleasedTable[]> {
  ctx.require(Permission.AggregateRead);
  const checked = specs.map(checkSpec);
  const groups = new Map<string, Required<TableSpec>[]>();
  for (const spec of checked) {
    const key = JSON.stringify([spec.measure, spec.filter]);
    groups
      .set(key, groups.get(key) ?? [])
      .get(key)!
      .push(spec);
  }
  const counted = new Map<Required<TableSpec>, TableCounts>();
  const countGroup = async (group: Required<TableSpec>[]) => {
    const { measure, filter } = group[0]!;
    const counts = await countTables(ctx, group, measure, await tallyFilter(ctx, filter));
    group.forEach((spec, i) => counted.set(spec, counts[i]!));
  };
  const dimensions = [...new Set(checked.flatMap((spec) => [spec.rows, spec.columns]))];
  const [threshold, found] = await Promise.all([
    readThreshold(ctx),
    Promise.all(dimensions.map((d) => categories(ctx, d))),
    Promise.all([...groups.values()].map(countGroup)),
  ]);
  const categoriesOf = (dimension: Dimension) => found[dimensions.indexOf(dimension)]!;
  return checked.map((spec) => {
    const counts = counted.get(spec)!;
    const [rowCategories, columnCategories] = [categoriesOf(spec.rows), categoriesOf(spec.columns)];
    const figure = releaser(spec.measure, threshold);
    return {
      spec,
      threshold,
      method: METHOD,
      rows: rowCategories,
      columns: columnCategories,
      cells: rowCategories.flatMap((row) =>
        columnCategories.map((column) => ({
          row: row.key,
          column: column.key,
          ...figure(counts.cells.get(cellId(row.key, column.key))),
        })),
      ),
      rowTotals: rowCategories.map(({ key }) => ({ key, ...figure(counts.rows.get(key)) })),
      columnTotals: columnCategories.map(({ key }) => ({ key, ...figure(counts.columns.get(key)) })),
      total: figure(counts.total),
    };
  });
}

/** One dimension on its own: each category's figure and the whole, each from its own records. */
export interface ReleasedBreakdown {
  by: Dimension;
  measure: Measure;
  threshold: number;
  method: string;
  categories: Category[];
  figures: ReleasedMargin[];
  total: ReleasedFigure;
}

export async function computeBreakdown(
  ctx: RequestContext,
  by: Dimension,
  measure: Measure.RESPONSES | Measure.PARTICIPANTS,
  filter: TableFilter = {},
): Promise<ReleasedBreakdown> {
  ctx.require(Permission.AggregateRead);
  if (by === Dimension.THEME) throw badInput('by', 'by cannot be THEME: use themeTable for themes');
  const checked = await tallyFilter(ctx, checkFilter(filter));
  const [threshold, found, counts] = await Promise.all([
    readThreshold(ctx),
    categories(ctx, by),
    tallyResponses(ctx, [[by], []], checked, [measure]),
  ]);
  const figure = releaser(measure, threshold);
  const byKey = new Map(counts.filter((t) => t.dimensions.length === 1).map((t) => [t.keys[0] ?? null, t]));
  return {
    by,
    measure,
    threshold,
    method: METHOD,
    categories: found,
    figures: found.map(({ key }) => ({ key, ...figure(byKey.get(key)) })),
    total: figure(counts.find((t) => t.dimensions.length === 0)),
  };
}

/** Sessions and coded responses are tallied in a tally's responses fields (counts.ts). */
const releaser =
  (measure: Measure, threshold: number) =>
  (found: Tally | undefined): ReleasedFigure => {
    if (measure !== Measure.PARTICIPANTS) return release(found?.responses ?? 0, found?.responseKey ?? 0, threshold);
    if (found && found.participants === null) throw new Error('participants were not counted for this figure');
    return release(found?.participants ?? 0, found?.participantKey ?? 0, threshold);
  };

/** Released figures of one theme or of everything under a filter: responses and participants. */
export interface ReleasedPair {
  responses: ReleasedFigure;
  participants: ReleasedFigure;
}

/**
 * Totals and per-theme figures under one filter (themeSummary), each counted from its own records
 * and released as a table's margins are; a theme counts its whole subtree.
 */
export async function computeThemeFigures(
  ctx: RequestContext,
  filter: TableFilter,
  /** Where the caller's input named the area, for a NOT_FOUND. */
  areaField = 'filter.areaId',
): Promise<{ threshold: number; total: ReleasedPair; themes: Map<string, ReleasedPair> }> {
  ctx.require(Permission.AggregateRead);
  const checked = await tallyFilter(ctx, checkFilter(filter), areaField);
  const [threshold, total, themes] = await Promise.all([
    readThreshold(ctx),
    tallyResponses(ctx, [[]], checked),
    tallyThemes(ctx, [[Dimension.THEME]], checked),
  ]);
  const pair = (found: Tally | undefined): ReleasedPair => ({
    responses: releaser(Measure.RESPONSES, threshold)(found),
    participants: releaser(Measure.PARTICIPANTS, threshold)(found),
  });
  return {
    threshold,
    total: pair(total[0]),
    themes: new Map(themes.map((t) => [t.keys[0]!, pair(t)])),
  };
}

export async function readThreshold(ctx: RequestContext): Promise<number> {
  const [row] = await ctx.query<{ threshold: number }>(
    `SELECT suppression_threshold AS threshold FROM engagements WHERE id = $1`,
    [ctx.engagementId],
  );
  if (!row) throw new Error('The request engagement does not exist');
  return row.threshold;
}

const cellId = (row: string | null, column: string | null) => JSON.stringify([row, column]);

interface TableCounts {
  cells: Map<string, Tally>;
  rows: Map<string | null, Tally>;
  columns: Map<string | null, Tally>;
  total: Tally | undefined;
}

/** Each table's counts, in the order given; every table's grouping sets in one tally per fact table. */
async function countTables(
  ctx: RequestContext,
  tables: { rows: Dimension; columns: Dimension }[],
  measure: Measure,
  filter: TallyFilter,
): Promise<TableCounts[]> {
  // With THEME columns a response sits in several cells of a row: the row's own figure is every
  // response of the row, counted from the response facts. Only the measure released is counted.
  const shapes = (of: (rows: Dimension, columns: Dimension) => Dimension[][]) => {
    const all = tables.flatMap(({ rows, columns }) => of(rows, columns));
    return all.filter((set, i) => all.findIndex((other) => other.join() === set.join()) === i);
  };
  const inner = shapes((rows, columns) => (columns === Dimension.THEME ? [[rows, columns], [columns]] : []));
  const outer = shapes((rows, columns) =>
    columns === Dimension.THEME ? [[rows], []] : [[rows, columns], [rows], [columns], []],
  );
  const [themed, counted] = await Promise.all([
    inner.length ? tallyThemes(ctx, inner, filter, [measure]) : [],
    measure === Measure.SESSIONS
      ? tally(ctx, 'sessions', outer, filter, [Measure.RESPONSES])
      : measure === Measure.CODED_RESPONSES
        ? tallyResponses(ctx, outer, { ...filter, coded: true }, [Measure.RESPONSES])
        : tallyResponses(ctx, outer, filter, [measure]),
  ]);
  const byShape = new Map<string, Tally[]>();
  for (const t of [...themed, ...counted]) {
    const shape = t.dimensions.join();
    byShape
      .set(shape, byShape.get(shape) ?? [])
      .get(shape)!
      .push(t);
  }
  const at = (shape: Dimension[]) => byShape.get(shape.join()) ?? [];
  return tables.map(({ rows, columns }) => ({
    cells: new Map(at([rows, columns]).map((t) => [cellId(t.keys[0] ?? null, t.keys[1] ?? null), t])),
    rows: new Map<string | null, Tally>(at([rows]).map((t) => [t.keys[0] ?? null, t])),
    columns: new Map<string | null, Tally>(at([columns]).map((t) => [t.keys[0] ?? null, t])),
    total: at([])[0],
  }));
}

function checkSpec(spec: TableSpec): Required<TableSpec> {
  if (spec.rows === Dimension.THEME) throw badInput('rows', 'rows cannot be THEME: themes are columns only');
  if (spec.rows === spec.columns) throw badInput('columns', 'columns must be a different dimension from rows');
  const filter = checkFilter(spec.filter ?? {});
  if (spec.measure === Measure.SESSIONS) {
    const only = `SESSIONS counts sessions, which have an area, a format, a month and a sector only`;
    for (const [field, dimension] of [
      ['rows', spec.rows],
      ['columns', spec.columns],
    ] as const) {
      if (!SESSION_DIMENSIONS.includes(dimension)) throw badInput(field, `${only}: ${field} cannot be ${dimension}`);
    }
    if (filter.prompt) throw badInput('filter.prompt', `${only}: filter by prompt with another measure`);
    if (filter.ageBand) throw badInput('filter.ageBand', `${only}: filter by age band with another measure`);
  }
  if (spec.measure === Measure.CODED_RESPONSES && spec.columns === Dimension.THEME) {
    throw badInput('columns', 'columns cannot be THEME with CODED_RESPONSES: a theme counts only coded responses');
  }
  return { rows: spec.rows, columns: spec.columns, measure: spec.measure, filter };
}

export function checkFilter(filter: TableFilter): TableFilter {
  const month = filter.month ?? null;
  if (month !== null && !cityMonthStart(month)) {
    throw badInput('filter.month', 'filter.month must be one calendar month, written YYYY-MM');
  }
  return {
    areaId: validate.optionalId('filter.areaId', filter.areaId),
    format: filter.format ?? null,
    prompt: filter.prompt ?? null,
    ageBand: filter.ageBand ?? null,
    month,
    sector: filter.sector ?? null,
  };
}

export async function tallyFilter(
  ctx: RequestContext,
  filter: TableFilter,
  areaField = 'filter.areaId',
): Promise<TallyFilter> {
  if (filter.areaId) {
    const [area] = await ctx.query(`SELECT 1 FROM areas WHERE id = $1`, [filter.areaId]);
    if (!area) throw notFound('Area', areaField);
  }
  const from = filter.month ? cityMonthStart(filter.month) : null;
  const to = filter.month ? cityMonthStart(filter.month, 1) : null;
  return {
    areaId: filter.areaId ?? null,
    format: filter.format ?? null,
    prompt: filter.prompt ?? null,
    ageBand: filter.ageBand ?? null,
    sector: filter.sector ?? null,
    from,
    to,
    coded: false,
  };
}

/**
 * Every row or column a dimension can have, whether or not anything was counted there, so an
 * empty cell looks like any other withheld one. Optional dimensions end with "not stated".
 */
async function categories(ctx: RequestContext, dimension: Dimension): Promise<Category[]> {
  // Enum categories read as people read them (shared labels), keyed by their codes.
  const values = <E extends string>(all: Record<string, E>, labels: Record<E, string>, optional: boolean) => [
    ...Object.values(all).map((key): Category => ({ key, label: labels[key] })),
    ...(optional ? [{ key: null, label: NOT_STATED }] : []),
  ];
  switch (dimension) {
    case Dimension.FORMAT:
      return values(SessionFormat, LABELS.format, false);
    case Dimension.PROMPT:
      return values(Prompt, LABELS.prompt, false);
    case Dimension.AGE_BAND:
      return values(AgeBand, LABELS.ageBand, true);
    case Dimension.SECTOR:
      return values(Sector, LABELS.sector, true);
    case Dimension.AREA: {
      const areas = await ctx.query<{ id: string; name: string }>(
        `SELECT id, name FROM areas ORDER BY lower(name), id`,
      );
      return [...areas.map((a) => ({ key: a.id, label: a.name })), { key: null, label: NOT_STATED }];
    }
    case Dimension.THEME: {
      const themes = await ctx.query<{ id: string; name: string }>(
        `SELECT id, name FROM themes WHERE engagement_id = $1 ORDER BY lower(name), id`,
        [ctx.engagementId],
      );
      return themes.map((t) => ({ key: t.id, label: t.name }));
    }
    case Dimension.MONTH: {
      // The engagement's period, widened to any session outside it, in London wall-clock time.
      const months = await ctx.query<{ month: string }>(
        `SELECT to_char(m, 'YYYY-MM') AS month FROM engagements e,
           LATERAL (SELECT min(starts_at) AT TIME ZONE '${CITY_TIME_ZONE}' AS first,
                           max(starts_at) AT TIME ZONE '${CITY_TIME_ZONE}' AS last
                    FROM response_facts WHERE engagement_id = e.id) f,
           generate_series(date_trunc('month', least(e.starts_on::timestamp, f.first)),
                           least(greatest(e.ends_on::timestamp, f.last),
                                 least(e.starts_on::timestamp, f.first) + interval '10 years'),
                           interval '1 month') m
         WHERE e.id = $1 ORDER BY m`,
        [ctx.engagementId],
      );
      return months.map(({ month }) => ({ key: month, label: month }));
    }
  }
}
