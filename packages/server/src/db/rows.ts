/** Reading row values that arrive either from pg (a Date) or from a batched read's JSON (a string). */
export function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

export function optionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
