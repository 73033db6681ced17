import { LIMITS } from '@chorus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Cursors are opaque to clients: base64url of the row's sort key and id. */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return value as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, `${field} is not a cursor this API issued`);
}

export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return LIMITS.pageSizeDefault;
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.pageSizeMax) {
    throw badInput(field, `${field} must be from 1 to ${LIMITS.pageSizeMax}`);
  }
  return first;
}

interface KeysetOrder<T> {
  /** SQL for the sort column, e.g. `s.starts_at`. */
  column: string;
  /** Reads the same value from a loaded row, as the string the cursor carries. */
  valueOf: (row: T) => string;
  /** SQL type to compare the cursor value as, e.g. `timestamptz`. */
  type: string;
  /** SQL for the row's id column. */
  idColumn: string;
  /** Newest first unless said otherwise. */
  direction?: 'ASC' | 'DESC';
}

/**
 * Keyset pagination: stable under inserts, no OFFSET scans. Filters must be on
 * `query` already; the total counts them, the page adds the cursor condition.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const first = pageSize(args.first);
  const direction = order.direction ?? 'DESC';
  const page = query.clone();
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    page.andWhere(
      `(${order.column}, ${order.idColumn}) ${direction === 'DESC' ? '<' : '>'} (CAST(:cursorValue AS ${order.type}), CAST(:cursorId AS uuid))`,
      {
        cursorValue: value,
        cursorId: id,
      },
    );
  }
  const [rows, totalCount] = await Promise.all([
    page
      .orderBy(order.column, direction)
      .addOrderBy(order.idColumn, direction)
      .limit(first + 1)
      .getMany(),
    query.getCount(),
  ]);
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(order.valueOf(node), node.id) }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Order by creation time, the usual order of a list. */
export function byCreatedAt<T extends { createdAt: Date }>(alias: string): KeysetOrder<T> {
  return {
    column: `${alias}.created_at`,
    idColumn: `${alias}.id`,
    type: 'timestamptz',
    valueOf: (row) => row.createdAt.toISOString(),
  };
}
