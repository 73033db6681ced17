import type { RequestContext } from '../db/request-context.js';
import { Dimension, Measure } from './dimensions.js';
import type { ReleasedFigure } from './ptable.js';
import { computeBreakdown, type TableFilter } from './tables.js';

export interface ReachRow extends ReleasedFigure {
  key: string | null;
  label: string;
  /** Census population, where known (areas only). */
  population: number | null;
  /** Participants per 1,000 residents, from the released (perturbed) count. */
  perThousand: number | null;
  underHeard: boolean;
}

export interface Reach {
  by: Dimension;
  threshold: number;
  method: string;
  participants: ReleasedFigure;
  /** Population of the rows with one. */
  population: number | null;
  perThousand: number | null;
  rows: ReachRow[];
}

/** Under half the overall rate of participants per 1,000 residents. */
const UNDER_HEARD_SHARE = 0.5;

/**
 * Participants by one dimension, against census population where known. Only released figures
 * go in: a withheld row is under-heard when even the threshold would be below the line, which
 * anyone can work out from the population and the published threshold.
 */
export async function computeReach(ctx: RequestContext, by: Dimension, filter: TableFilter = {}): Promise<Reach> {
  const table = await computeBreakdown(ctx, by, Measure.PARTICIPANTS, filter);
  const populations =
    by === Dimension.AREA
      ? new Map(
          (await ctx.query<{ id: string; population: number | null }>(`SELECT id, population FROM areas`)).map((a) => [
            a.id,
            a.population,
          ]),
        )
      : new Map<string, number | null>();
  const known = [...populations.values()].filter((p): p is number => p !== null && p > 0);
  const population = known.length ? known.reduce((a, b) => a + b, 0) : null;
  // Compared unrounded; shown to one decimal place.
  const rate = (count: number | null, people: number | null) =>
    count === null || !people ? null : (count * 1000) / people;
  const shown = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  const overall = rate(table.total.value, population);
  const line = overall === null ? null : overall * UNDER_HEARD_SHARE;
  return {
    by,
    threshold: table.threshold,
    method: table.method,
    participants: table.total,
    population,
    perThousand: shown(overall),
    rows: table.figures.map((figure, i) => {
      const rowPopulation = figure.key === null ? null : (populations.get(figure.key) ?? null);
      const perThousand = rate(figure.value, rowPopulation);
      const bound = figure.suppressed ? rate(table.threshold, rowPopulation) : perThousand;
      return {
        ...figure,
        label: table.categories[i]!.label,
        population: rowPopulation,
        perThousand: shown(perThousand),
        underHeard: line !== null && bound !== null && bound < line,
      };
    }),
  };
}
