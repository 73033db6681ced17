import type { RequestContext } from './request-context.js';

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

/**
 * A read of rows by a list of ids, in the caller's reach: `sql` is given the SQL of the ids (a
 * `uuid[]`) and the statement's parameters to add its own to. `findByIds` passes a parameter; a
 * page that prefetches its children (`responses`) passes a subquery of its own rows, so both read
 * the same rows, with the same tenancy, through the same mapper.
 */
export interface ReadByIds<T> {
  sql: (ctx: RequestContext, ids: string, params: unknown[]) => string;
  map: (row: Record<string, unknown>) => T;
}

/** The rows of `read` for `ids`, batched with the request's sibling reads. */
export async function readByIds<T>(ctx: RequestContext, read: ReadByIds<T>, ids: readonly string[]): Promise<T[]> {
  const params: unknown[] = [ids];
  return (await ctx.read(read.sql(ctx, '$1::uuid[]', params), params)).map(read.map);
}
