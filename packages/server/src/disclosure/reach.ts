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

/** Participants by one dimension, against census population where known (areas). */
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
  return {
    by,
    threshold: table.threshold,
    method: table.method,
    participants: table.total,
    ...againstPopulation(
      table.threshold,
      table.total,
      table.figures.map((figure, i) => ({
        ...figure,
        label: table.categories[i]!.label,
        population: figure.key === null ? null : (populations.get(figure.key) ?? null),
      })),
      sumKnown([...populations.values()]),
    ),
  };
}

/**
 * Released figures set against census populations: each rate comes from the released
 * (perturbed) count, never the true one, and a withheld row is under-heard only when even the
 * threshold would be below the line, which anyone can work out from the population and the
 * published threshold. `population` is the whole population; by default, that of the rows with one.
 */
export function againstPopulation(
  threshold: number,
  total: ReleasedFigure,
  rows: (ReleasedFigure & { key: string | null; label: string; population: number | null })[],
  population: number | null = sumKnown(rows.map((row) => row.population)),
): Pick<Reach, 'population' | 'perThousand' | 'rows'> {
  // Compared unrounded; shown to one decimal place.
  const rate = (count: number | null, people: number | null) =>
    count === null || !people ? null : (count * 1000) / people;
  const shown = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  const overall = rate(total.value, population);
  const line = overall === null ? null : overall * UNDER_HEARD_SHARE;
  return {
    population,
    perThousand: shown(overall),
    rows: rows.map((row) => {
      const perThousand = rate(row.value, row.population);
      const bound = row.suppressed ? rate(threshold, row.population) : perThousand;
      return {
        ...row,
        perThousand: shown(perThousand),
        underHeard: line !== null && bound !== null && bound < line,
      };
    }),
  };
}

function sumKnown(populations: (number | null)[]): number | null {
  const known = populations.filter((p): p is number => p !== null && p > 0);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}
