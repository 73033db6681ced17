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

/** What a table counts: distinct responses, or distinct participants among them. */
export enum Measure {
  RESPONSES = 'RESPONSES',
  PARTICIPANTS = 'PARTICIPANTS',
}
