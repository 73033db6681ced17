/** What a table's rows or columns are broken down by. THEME only as columns. */
export enum Dimension {
  AREA = 'AREA',
  FORMAT = 'FORMAT',
  PROMPT = 'PROMPT',
  AGE_BAND = 'AGE_BAND',
  MONTH = 'MONTH',
  SECTOR = 'SECTOR',
  THEME = 'THEME',
}

/**
 * What a table counts: distinct responses, distinct participants among them, the responses coded
 * to at least one theme, or the sessions held (meetings, by area, format, month and sector only).
 */
export enum Measure {
  RESPONSES = 'RESPONSES',
  PARTICIPANTS = 'PARTICIPANTS',
  CODED_RESPONSES = 'CODED_RESPONSES',
  SESSIONS = 'SESSIONS',
}

/** What a session has: the dimensions a SESSIONS table may be broken down and filtered by. */
export const SESSION_DIMENSIONS: readonly Dimension[] = [
  Dimension.AREA,
  Dimension.FORMAT,
  Dimension.MONTH,
  Dimension.SECTOR,
];
