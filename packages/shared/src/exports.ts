/**
 * A release export's columns, in this order, always: the CSV header, and the keys of each JSON cell
 * in the same order (docs/api.md). The server writes them; the admin preview reads them.
 */
export const EXPORT_COLUMNS = [
  'release_version',
  'table',
  'kind',
  'row_key',
  'row_label',
  'column_key',
  'column_label',
  'value',
  'suppressed',
  'reason',
] as const;

/** One figure of an export, as a JSON export carries it. */
export interface ExportCell {
  release_version: number;
  table: string;
  kind: 'CELL' | 'ROW_TOTAL' | 'COLUMN_TOTAL' | 'TOTAL';
  row_key: string | null;
  row_label: string | null;
  column_key: string | null;
  column_label: string | null;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
}
