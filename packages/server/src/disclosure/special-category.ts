import { CENSUS_GROUPS, Ethnicity, ETHNICITY_LABELS, Permission, SpecialCategory } from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';
import type { Demographics } from '../participants/demographics.js';
import { heardParticipants } from './counts.js';
import { CELL_KEY_MODULUS, METHOD, release } from './ptable.js';
import { againstPopulation, type Reach } from './reach.js';
import { checkFilter, readThreshold, tallyFilter, type Category, type TableFilter } from './tables.js';

export { SpecialCategory };

/** Reach by one of the special categories. */
export type SpecialCategoryReach = Omit<Reach, 'by'> & { by: SpecialCategory };

/** Opens the sealed answers of these participants: the participants service holds the key. */
export type AnswersOf = (ctx: RequestContext, participantIds: readonly string[]) => Promise<Map<string, Demographics>>;

const NOT_STATED: Category = { key: null, label: 'Not stated' };
const PREFER_NOT: Category = { key: Ethnicity.PREFER_NOT_TO_SAY, label: ETHNICITY_LABELS[Ethnicity.PREFER_NOT_TO_SAY] };

/** Every census group, then "prefer not to say", then "not stated": the rows of reach. */
const CATEGORIES = (by: SpecialCategory): readonly Category[] => [...CENSUS_GROUPS[by], PREFER_NOT, NOT_STATED];

/** The category a person's answers put them in; null when they gave none (or withdrew consent). */
function categoryOf(by: SpecialCategory, answers: Demographics | undefined): string | null {
  if (!answers) return null;
  switch (by) {
    case SpecialCategory.ETHNIC_GROUP:
      return answers.ethnicity === Ethnicity.PREFER_NOT_TO_SAY ? answers.ethnicity : answers.ethnicGroup;
    case SpecialCategory.RELIGION:
      return answers.religion;
    case SpecialCategory.DISABILITY:
      return answers.disability;
  }
}

/**
 * Participants heard by ethnic group, religion or disability. The answers are encrypted at rest,
 * so they cannot be grouped in SQL: the people heard under the filter come from the fact table
 * with their record keys, their answers are opened in memory, and each category's count and cell
 * key go through the same ptable as every other figure; nothing else leaves this function. Only
 * answers held now count: a SPECIAL_CATEGORY_DATA withdrawal deletes them, and the person moves to
 * "not stated". Each group is set against its census population where one is recorded
 * (census-populations/), as area reach is.
 */
export async function computeSpecialCategoryReach(
  ctx: RequestContext,
  by: SpecialCategory,
  filter: TableFilter,
  answersOf: AnswersOf,
): Promise<SpecialCategoryReach> {
  ctx.require(Permission.DemographicsAggregateRead);
  const checked = await tallyFilter(ctx, checkFilter(filter));
  const [threshold, heard] = await Promise.all([readThreshold(ctx), heardParticipants(ctx, checked)]);
  const answers = await answersOf(
    ctx,
    heard.map((person) => person.participantId),
  );
  const counts = new Map<string | null, { count: number; key: number }>();
  for (const person of heard) {
    const category = categoryOf(by, answers.get(person.participantId));
    const cell = counts.get(category) ?? { count: 0, key: 0 };
    cell.count += 1;
    cell.key = (cell.key + person.participantKey) % CELL_KEY_MODULUS;
    counts.set(category, cell);
  }
  const figure = (cell: { count: number; key: number } | undefined) =>
    release(cell?.count ?? 0, cell?.key ?? 0, threshold);
  const everyone = heard.reduce((key, person) => (key + person.participantKey) % CELL_KEY_MODULUS, 0);
  const participants = release(heard.length, everyone, threshold);
  const populations = await censusPopulations(ctx, by, checked.areaId ?? null);
  return {
    by,
    threshold,
    method: METHOD,
    participants,
    ...againstPopulation(
      threshold,
      participants,
      CATEGORIES(by).map((category) => ({
        ...figure(counts.get(category.key)),
        key: category.key,
        label: category.label,
        population: category.key === null ? null : (populations.get(category.key) ?? null),
      })),
    ),
  };
}

/**
 * Census population of each group of `by`: in one area, or in the whole city, where a group's
 * figure is given only when every area has one (a sum over some areas would set the city's
 * participants against part of its people). Reference data, like the areas' own populations.
 */
async function censusPopulations(
  ctx: RequestContext,
  by: SpecialCategory,
  areaId: string | null,
): Promise<Map<string, number>> {
  const rows = await ctx.query<{ group_key: string; population: number }>(
    `SELECT c.group_key, sum(c.population)::int AS population FROM census_populations c
     WHERE c.category = $1 AND ($2::uuid IS NULL OR c.area_id = $2)
     GROUP BY c.group_key
     HAVING $2::uuid IS NOT NULL OR count(*) = (SELECT count(*) FROM areas)`,
    [by, areaId],
  );
  return new Map(rows.map((row) => [row.group_key, row.population]));
}
