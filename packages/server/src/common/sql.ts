/** An ILIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * Leads the statements a process runs on a timer rather than for a request (token re-checks,
 * rate-limit settlement), so they can be told apart on the wire and in pg_stat_activity.
 */
export const BACKGROUND_SQL = '/* background */ ';
