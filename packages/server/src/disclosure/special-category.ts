import {
  DISABILITY_LABELS,
  Disability,
  ETHNIC_GROUPS,
  EthnicGroup,
  Ethnicity,
  ETHNICITY_LABELS,
  Permission,
  Religion,
  RELIGION_LABELS,
} from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';
import type { Demographics } from '../participants/demographics.js';
import { heardParticipants } from './counts.js';
import { CELL_KEY_MODULUS, METHOD, release } from './ptable.js';
import type { Reach } from './reach.js';
import { checkFilter, readThreshold, tallyFilter, type Category, type TableFilter } from './tables.js';

/** The special-category answers reach can be broken down by; kept apart from `Dimension` on purpose. */
export enum SpecialCategory {
  /** The Census's five high-level groups (not its 19 categories, too fine to release). */
  ETHNIC_GROUP = 'ETHNIC_GROUP',
  RELIGION = 'RELIGION',
  DISABILITY = 'DISABILITY',
}

/** Reach by one of the special categories. */
export type SpecialCategoryReach = Omit<Reach, 'by'> & { by: SpecialCategory };

/** Opens the sealed answers of these participants: the participants service holds the key. */
export type AnswersOf = (ctx: RequestContext, participantIds: readonly string[]) => Promise<Map<string, Demographics>>;

const NOT_STATED: Category = { key: null, label: 'Not stated' };
const PREFER_NOT: Category = { key: Ethnicity.PREFER_NOT_TO_SAY, label: ETHNICITY_LABELS[Ethnicity.PREFER_NOT_TO_SAY] };

const CATEGORIES: Record<SpecialCategory, readonly Category[]> = {
  [SpecialCategory.ETHNIC_GROUP]: [
    ...Object.values(EthnicGroup).map((group) => ({ key: group, label: ETHNIC_GROUPS[group].label })),
    PREFER_NOT,
    NOT_STATED,
  ],
  [SpecialCategory.RELIGION]: [
    ...Object.values(Religion).map((key) => ({ key, label: RELIGION_LABELS[key] })),
    NOT_STATED,
  ],
  [SpecialCategory.DISABILITY]: [
    ...Object.values(Disability).map((key) => ({ key, label: DISABILITY_LABELS[key] })),
    NOT_STATED,
  ],
};

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
 * "not stated". No census population by these categories is loaded, so no row has one.
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
  return {
    by,
    threshold,
    method: METHOD,
    participants: release(heard.length, everyone, threshold),
    population: null,
    perThousand: null,
    rows: CATEGORIES[by].map((category) => ({
      key: category.key,
      label: category.label,
      ...figure(counts.get(category.key)),
      population: null,
      perThousand: null,
      underHeard: false,
    })),
  };
}
