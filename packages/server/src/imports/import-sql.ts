import { AgeBand, CityConnection, ConsentPurpose, Prompt } from '@chorus/shared';
import type { ImportColumns } from './imports.service.js';

/**
 * The SQL that reads a staged cell, used both to find a row's errors and to store it, so what is
 * checked is exactly what is stored. Each takes the SQL of the staged column.
 */

/** Staging column of each prompt's answer and each purpose's consent. */
export const ANSWER_COLUMN: Readonly<Record<Prompt, string>> = {
  [Prompt.VALUES]: 'answer_values',
  [Prompt.BELONGING]: 'answer_belonging',
  [Prompt.CHALLENGES]: 'answer_challenges',
  [Prompt.FUTURE]: 'answer_future',
  [Prompt.WHAT_WORKS]: 'answer_what_works',
};
export const CONSENT_COLUMN: Readonly<Record<ConsentPurpose, string>> = {
  [ConsentPurpose.PARTICIPATION]: 'consent_participation',
  [ConsentPurpose.QUOTE]: 'consent_quote',
  [ConsentPurpose.ATTRIBUTION]: 'consent_attribution',
  [ConsentPurpose.FOLLOW_UP_CONTACT]: 'consent_follow_up_contact',
  [ConsentPurpose.SPECIAL_CATEGORY_DATA]: 'consent_special_category_data',
};

/** Every staged column a COPY fills, in order. */
export const STAGED_COLUMNS = [
  'import_id',
  'row_number',
  'code',
  'connections',
  'area',
  'age_band',
  'language',
  ...Object.values(CONSENT_COLUMN),
  ...Object.values(ANSWER_COLUMN),
  'flags',
] as const;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const values = (pairs: [string, string][]) =>
  `(VALUES ${pairs.map(([a, b]) => `(${quote(a)}, ${quote(b)})`).join(', ')})`;

const YES = `('yes', 'y', 'true', '1', 'granted', 'agreed')`;
const NO = `('no', 'n', 'false', '0', 'refused', 'declined')`;

const CONNECTION_WORDS = values(
  Object.values(CityConnection).flatMap((c): [string, string][] => [
    [c.toLowerCase(), c],
    [c.toLowerCase().replace(/s$/, ''), c],
  ]),
);
const CONNECTION_SPLIT = `'\\s*[,;/|]\\s*'`;

const AGE_WORDS = values(
  Object.values(AgeBand).flatMap((band): [string, string][] => {
    const words: [string, string][] = [[band.toLowerCase(), band]];
    const range = /^AGE_(\d+)_(\d+)$/.exec(band);
    if (range) words.push([`${range[1]}-${range[2]}`, band], [`${range[1]} to ${range[2]}`, band]);
    if (band === AgeBand.UNDER_16) words.push(['under 16', band]);
    if (band === AgeBand.AGE_75_PLUS) words.push(['75+', band], ['75 and over', band]);
    if (band === AgeBand.PREFER_NOT_TO_SAY) words.push(['prefer not to say', band]);
    return words;
  }),
);

export const sql = {
  blank: (col: string) => `coalesce(btrim(${col}), '') = ''`,
  /** true for yes, false for no, null when blank (not asked) or unreadable. */
  consent: (col: string) =>
    `CASE WHEN lower(btrim(${col})) IN ${YES} THEN true WHEN lower(btrim(${col})) IN ${NO} THEN false END`,
  connections: (col: string) =>
    `ARRAY(SELECT DISTINCT w.connection FROM regexp_split_to_table(lower(coalesce(${col}, '')), ${CONNECTION_SPLIT}) t
           JOIN ${CONNECTION_WORDS} w(word, connection) ON w.word = btrim(t) ORDER BY 1)`,
  connectionsUnreadable: (col: string) =>
    `EXISTS (SELECT 1 FROM regexp_split_to_table(lower(coalesce(${col}, '')), ${CONNECTION_SPLIT}) t
             WHERE btrim(t) <> '' AND NOT EXISTS (SELECT 1 FROM ${CONNECTION_WORDS} w(word, connection) WHERE w.word = btrim(t)))`,
  ageBand: (col: string) => `(SELECT w.band FROM ${AGE_WORDS} w(word, band) WHERE w.word = lower(btrim(${col})))`,
  area: (col: string) =>
    `(SELECT a.id FROM areas a WHERE lower(a.name) = lower(btrim(${col})) OR a.code = upper(btrim(${col}))
      ORDER BY a.code = upper(btrim(${col})) DESC LIMIT 1)`,
  language: (col: string) => `CASE WHEN coalesce(btrim(${col}), '') = '' THEN 'en' ELSE lower(btrim(${col})) END`,
  languageUnreadable: (col: string) =>
    `(btrim(${col}) <> '' AND (length(btrim(${col})) > 35 OR btrim(${col}) !~* '^[a-z]{2,3}(-[a-z0-9]{2,8})*$'))`,
};

/** A check of one column: its position in a row's report, the file's column name, and the SQL of its reason (null when fine). */
interface Check {
  column: string;
  reason: string;
}

/**
 * The checks of the mapped columns, as `(position, column, reason)` rows over staged row `r`;
 * column names are bound as parameters from `params`.
 */
export function checks(columns: ImportColumns, params: unknown[]): string {
  const list: Check[] = [];
  const col = (name: string) => `$${params.push(name)}::text`;
  list.push({
    column: col(columns.connections),
    reason: `CASE WHEN ${sql.blank('r.connections')} THEN 'Blank: say how they are part of the city (lives, works, studies or volunteers)'
             WHEN ${sql.connectionsUnreadable('r.connections')} THEN 'Not a connection to the city: use lives, works, studies or volunteers, separated by commas' END`,
  });
  if (columns.area) {
    list.push({
      column: col(columns.area),
      reason: `CASE WHEN NOT ${sql.blank('r.area')} AND ${sql.area('r.area')} IS NULL THEN 'Not an area Chorus knows: use its name or code as on the Areas page' END`,
    });
  }
  if (columns.ageBand) {
    list.push({
      column: col(columns.ageBand),
      reason: `CASE WHEN NOT ${sql.blank('r.age_band')} AND ${sql.ageBand('r.age_band')} IS NULL THEN 'Not an age band: use one such as 16-24, 75+ or prefer not to say' END`,
    });
  }
  if (columns.language) {
    list.push({
      column: col(columns.language),
      reason: `CASE WHEN ${sql.languageUnreadable('r.language')} THEN 'Not a language tag such as en, ur or pl' END`,
    });
  }
  for (const { purpose, column } of columns.consents) {
    const staged = `r.${CONSENT_COLUMN[purpose]}`;
    list.push({
      column: col(column),
      reason:
        purpose === ConsentPurpose.PARTICIPATION
          ? `CASE WHEN ${sql.blank(staged)} THEN 'Not asked: nothing is kept without PARTICIPATION consent, so remove this row or record the answer'
                  WHEN ${sql.consent(staged)} IS NULL THEN 'Must be yes or no'
                  WHEN NOT ${sql.consent(staged)} THEN 'Refused: nothing is kept without PARTICIPATION consent, so remove this row' END`
          : `CASE WHEN NOT ${sql.blank(staged)} AND ${sql.consent(staged)} IS NULL THEN 'Must be yes, no, or blank when it was not asked' END`,
    });
  }
  for (const { prompt, column } of columns.answers) {
    list.push({
      column: col(column),
      reason: `CASE WHEN length(r.${ANSWER_COLUMN[prompt]}) > 10000 THEN 'Longer than 10000 characters' END`,
    });
  }
  const answered = columns.answers.map(({ prompt }) => `NOT ${sql.blank(`r.${ANSWER_COLUMN[prompt]}`)}`).join(' OR ');
  list.push({
    column: col(columns.answers[0]!.column),
    reason: `CASE WHEN NOT (${answered}) THEN 'No answer: at least one answer column must hold text' END`,
  });
  return `(VALUES ${list.map((check, i) => `(${i}, ${check.column}, ${check.reason})`).join(',\n')})`;
}
