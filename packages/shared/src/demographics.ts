/**
 * Special-category demographics (UK GDPR Article 9): the Office for National Statistics' 2021
 * Census categories for ethnicity and religion, and the Government Statistical Service's
 * harmonised disability question (the Equality Act 2010 definition). Each is optional and
 * PREFER_NOT_TO_SAY is always allowed; the server stores them only with SPECIAL_CATEGORY_DATA
 * consent standing.
 */

/** The five high-level ethnic groups of the 2021 Census (England and Wales). */
export enum EthnicGroup {
  ASIAN = 'ASIAN',
  BLACK = 'BLACK',
  MIXED = 'MIXED',
  WHITE = 'WHITE',
  OTHER = 'OTHER',
}

/** The 19 ethnic categories of the 2021 Census (England and Wales), and PREFER_NOT_TO_SAY. */
export enum Ethnicity {
  ASIAN_BANGLADESHI = 'ASIAN_BANGLADESHI',
  ASIAN_CHINESE = 'ASIAN_CHINESE',
  ASIAN_INDIAN = 'ASIAN_INDIAN',
  ASIAN_PAKISTANI = 'ASIAN_PAKISTANI',
  ASIAN_OTHER = 'ASIAN_OTHER',
  BLACK_AFRICAN = 'BLACK_AFRICAN',
  BLACK_CARIBBEAN = 'BLACK_CARIBBEAN',
  BLACK_OTHER = 'BLACK_OTHER',
  MIXED_WHITE_AND_ASIAN = 'MIXED_WHITE_AND_ASIAN',
  MIXED_WHITE_AND_BLACK_AFRICAN = 'MIXED_WHITE_AND_BLACK_AFRICAN',
  MIXED_WHITE_AND_BLACK_CARIBBEAN = 'MIXED_WHITE_AND_BLACK_CARIBBEAN',
  MIXED_OTHER = 'MIXED_OTHER',
  WHITE_BRITISH = 'WHITE_BRITISH',
  WHITE_IRISH = 'WHITE_IRISH',
  WHITE_GYPSY_OR_IRISH_TRAVELLER = 'WHITE_GYPSY_OR_IRISH_TRAVELLER',
  WHITE_ROMA = 'WHITE_ROMA',
  WHITE_OTHER = 'WHITE_OTHER',
  OTHER_ARAB = 'OTHER_ARAB',
  OTHER_ANY = 'OTHER_ANY',
  PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY',
}

/** The religion categories of the 2021 Census (a voluntary question), and PREFER_NOT_TO_SAY. */
export enum Religion {
  NO_RELIGION = 'NO_RELIGION',
  CHRISTIAN = 'CHRISTIAN',
  BUDDHIST = 'BUDDHIST',
  HINDU = 'HINDU',
  JEWISH = 'JEWISH',
  MUSLIM = 'MUSLIM',
  SIKH = 'SIKH',
  OTHER = 'OTHER',
  PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY',
}

/**
 * The GSS harmonised disability questions as one answer: a physical or mental health condition
 * lasting or expected to last 12 months or more, and whether it reduces day-to-day activities.
 */
export enum Disability {
  REDUCED_A_LOT = 'REDUCED_A_LOT',
  REDUCED_A_LITTLE = 'REDUCED_A_LITTLE',
  NOT_REDUCED = 'NOT_REDUCED',
  NO_CONDITION = 'NO_CONDITION',
  PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY',
}

/** The Census's five groups, each category in the order the Census form lists it. */
export const ETHNIC_GROUPS: Readonly<Record<EthnicGroup, { label: string; categories: readonly Ethnicity[] }>> = {
  [EthnicGroup.ASIAN]: {
    label: 'Asian, Asian British or Asian Welsh',
    categories: [
      Ethnicity.ASIAN_BANGLADESHI,
      Ethnicity.ASIAN_CHINESE,
      Ethnicity.ASIAN_INDIAN,
      Ethnicity.ASIAN_PAKISTANI,
      Ethnicity.ASIAN_OTHER,
    ],
  },
  [EthnicGroup.BLACK]: {
    label: 'Black, Black British, Black Welsh, Caribbean or African',
    categories: [Ethnicity.BLACK_AFRICAN, Ethnicity.BLACK_CARIBBEAN, Ethnicity.BLACK_OTHER],
  },
  [EthnicGroup.MIXED]: {
    label: 'Mixed or Multiple ethnic groups',
    categories: [
      Ethnicity.MIXED_WHITE_AND_ASIAN,
      Ethnicity.MIXED_WHITE_AND_BLACK_AFRICAN,
      Ethnicity.MIXED_WHITE_AND_BLACK_CARIBBEAN,
      Ethnicity.MIXED_OTHER,
    ],
  },
  [EthnicGroup.WHITE]: {
    label: 'White',
    categories: [
      Ethnicity.WHITE_BRITISH,
      Ethnicity.WHITE_IRISH,
      Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER,
      Ethnicity.WHITE_ROMA,
      Ethnicity.WHITE_OTHER,
    ],
  },
  [EthnicGroup.OTHER]: { label: 'Other ethnic group', categories: [Ethnicity.OTHER_ARAB, Ethnicity.OTHER_ANY] },
};

/** The group a category belongs to; null for PREFER_NOT_TO_SAY. */
export function ethnicGroupOf(ethnicity: Ethnicity): EthnicGroup | null {
  const groups = Object.entries(ETHNIC_GROUPS) as [EthnicGroup, { categories: readonly Ethnicity[] }][];
  return groups.find(([, group]) => group.categories.includes(ethnicity))?.[0] ?? null;
}

/** Disabled under the Equality Act 2010: a long-term condition that reduces day-to-day activities; null if not said. */
export function equalityActDisabled(disability: Disability): boolean | null {
  if (disability === Disability.PREFER_NOT_TO_SAY) return null;
  return disability === Disability.REDUCED_A_LOT || disability === Disability.REDUCED_A_LITTLE;
}

/** Each answer as the Census form words it. */
export const ETHNICITY_LABELS: Readonly<Record<Ethnicity, string>> = {
  [Ethnicity.ASIAN_BANGLADESHI]: 'Bangladeshi',
  [Ethnicity.ASIAN_CHINESE]: 'Chinese',
  [Ethnicity.ASIAN_INDIAN]: 'Indian',
  [Ethnicity.ASIAN_PAKISTANI]: 'Pakistani',
  [Ethnicity.ASIAN_OTHER]: 'Any other Asian background',
  [Ethnicity.BLACK_AFRICAN]: 'African',
  [Ethnicity.BLACK_CARIBBEAN]: 'Caribbean',
  [Ethnicity.BLACK_OTHER]: 'Any other Black, Black British, or Caribbean background',
  [Ethnicity.MIXED_WHITE_AND_ASIAN]: 'White and Asian',
  [Ethnicity.MIXED_WHITE_AND_BLACK_AFRICAN]: 'White and Black African',
  [Ethnicity.MIXED_WHITE_AND_BLACK_CARIBBEAN]: 'White and Black Caribbean',
  [Ethnicity.MIXED_OTHER]: 'Any other Mixed or Multiple background',
  [Ethnicity.WHITE_BRITISH]: 'English, Welsh, Scottish, Northern Irish or British',
  [Ethnicity.WHITE_IRISH]: 'Irish',
  [Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER]: 'Gypsy or Irish Traveller',
  [Ethnicity.WHITE_ROMA]: 'Roma',
  [Ethnicity.WHITE_OTHER]: 'Any other White background',
  [Ethnicity.OTHER_ARAB]: 'Arab',
  [Ethnicity.OTHER_ANY]: 'Any other ethnic group',
  [Ethnicity.PREFER_NOT_TO_SAY]: 'Prefer not to say',
};

export const RELIGION_LABELS: Readonly<Record<Religion, string>> = {
  [Religion.NO_RELIGION]: 'No religion',
  [Religion.CHRISTIAN]: 'Christian',
  [Religion.BUDDHIST]: 'Buddhist',
  [Religion.HINDU]: 'Hindu',
  [Religion.JEWISH]: 'Jewish',
  [Religion.MUSLIM]: 'Muslim',
  [Religion.SIKH]: 'Sikh',
  [Religion.OTHER]: 'Any other religion',
  [Religion.PREFER_NOT_TO_SAY]: 'Prefer not to say',
};

export const DISABILITY_LABELS: Readonly<Record<Disability, string>> = {
  [Disability.REDUCED_A_LOT]: 'A long-term condition that reduces day-to-day activities a lot',
  [Disability.REDUCED_A_LITTLE]: 'A long-term condition that reduces day-to-day activities a little',
  [Disability.NOT_REDUCED]: 'A long-term condition that does not reduce day-to-day activities',
  [Disability.NO_CONDITION]: 'No long-term physical or mental health condition',
  [Disability.PREFER_NOT_TO_SAY]: 'Prefer not to say',
};

/** The special-category answers reach can be broken down by: kept apart from the release dimensions on purpose. */
export enum SpecialCategory {
  /** The Census's five high-level groups (not its 19 categories, too fine to release). */
  ETHNIC_GROUP = 'ETHNIC_GROUP',
  RELIGION = 'RELIGION',
  DISABILITY = 'DISABILITY',
}

/** One group of a special category, as its reach row and census figure name it. */
export interface SpecialCategoryGroup {
  key: string;
  label: string;
}

/**
 * The groups of each special category that the Census publishes a population for, in the order
 * reach lists them: every answer but "prefer not to say" (and no "not stated").
 */
export const CENSUS_GROUPS: Readonly<Record<SpecialCategory, readonly SpecialCategoryGroup[]>> = {
  [SpecialCategory.ETHNIC_GROUP]: Object.values(EthnicGroup).map((key) => ({ key, label: ETHNIC_GROUPS[key].label })),
  [SpecialCategory.RELIGION]: Object.values(Religion)
    .filter((key) => key !== Religion.PREFER_NOT_TO_SAY)
    .map((key) => ({ key, label: RELIGION_LABELS[key] })),
  [SpecialCategory.DISABILITY]: Object.values(Disability)
    .filter((key) => key !== Disability.PREFER_NOT_TO_SAY)
    .map((key) => ({ key, label: DISABILITY_LABELS[key] })),
};
