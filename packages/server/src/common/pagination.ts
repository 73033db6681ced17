import { LIMITS } from '@chorus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hmac, safeEqual } from './crypto.js';
import { badInput } from './errors.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  /** Counted only when read: a client that does not select `totalCount` never pays for it. Cursors likewise. */
  readonly totalCount: Promise<number>;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const MAC_BYTES = 16;

/**
 * Cursors are opaque to clients: base64url of the row's sort key and id, then an HMAC over it
 * and the ordering it belongs to (`scope`). A cursor made by hand, altered, or taken from another
 * connection or ordering is refused as BAD_USER_INPUT before it reaches SQL.
 */
export class Cursors {
  constructor(private readonly key: Buffer) {}

  encode(scope: string, sortValue: string, id: string): string {
    const payload = Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
    return `${payload}.${this.mac(scope, payload).toString('base64url')}`;
  }

  decode(scope: string, cursor: string, field = 'after'): [string, string] {
    const [payload, mac, ...rest] = cursor.split('.');
    if (payload && mac && rest.length === 0 && safeEqual(Buffer.from(mac, 'base64url'), this.mac(scope, payload))) {
      const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
        return value as [string, string];
      }
    }
    throw badInput(field, `${field} is not a cursor this list issued`);
  }

  private mac(scope: string, payload: string): Buffer {
    return hmac(this.key, `${scope}\n${payload}`).subarray(0, MAC_BYTES);
  }
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

export interface PageOptions<T extends ObjectLiteral> {
  /** Reads the page's rows, e.g. as raw columns through a row mapper rather than by hydrating entities. */
  rows?: (page: SelectQueryBuilder<T>) => Promise<T[]>;
  /** Counts what `query` matches more cheaply than counting `query` itself (e.g. without its joins). */
  count?: () => Promise<number>;
}

/**
 * Keyset pagination: stable under inserts, no OFFSET scans. Filters must be on
 * `query` already; the total counts them (only when asked for), the page adds the cursor condition.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  args: PageArgs,
  cursors: Cursors,
  options: PageOptions<T> = {},
): Promise<Page<T>> {
  const first = pageSize(args.first);
  const direction = order.direction ?? 'DESC';
  // A cursor is valid only for the table and ordering that issued it.
  const scope = [query.expressionMap.mainAlias?.metadata.tableName, order.column, order.idColumn, direction].join(' ');
  const page = query.clone();
  if (args.after) {
    const [value, id] = cursors.decode(scope, args.after);
    page.andWhere(
      `(${order.column}, ${order.idColumn}) ${direction === 'DESC' ? '<' : '>'} (CAST(:cursorValue AS ${order.type}), CAST(:cursorId AS uuid))`,
      {
        cursorValue: value,
        cursorId: id,
      },
    );
  }
  page
    .orderBy(order.column, direction)
    .addOrderBy(order.idColumn, direction)
    .limit(first + 1);
  const rows = await (options.rows ? options.rows(page) : page.getMany());
  return pageOf(
    rows,
    first,
    args,
    (node) => cursors.encode(scope, order.valueOf(node), node.id),
    () => (options.count ?? (() => query.getCount()))(),
  );
}

/**
 * A page from `first + 1` rows read in the list's order (the extra row says whether more follow),
 * for lists read by hand-written SQL as well as by `paginate`. The total is counted only when read.
 */
export function pageOf<T>(
  rows: T[],
  first: number,
  args: PageArgs,
  cursorOf: (node: T) => string,
  count: () => Promise<number>,
): Page<T> {
  let counted: Promise<number> | undefined;
  const edges = rows.slice(0, first).map((node) => new Edge(node, cursorOf));
  return {
    get totalCount() {
      return (counted ??= count());
    },
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** An edge whose cursor (an HMAC) is made only if the client selects it: most pages are read for their nodes. */
class Edge<T> {
  private made?: string;

  constructor(
    readonly node: T,
    private readonly cursorOf: (node: T) => string,
  ) {}

  get cursor(): string {
    return (this.made ??= this.cursorOf(this.node));
  }
}

/** The rows `query` matches, by `count(*)`: for queries whose joins never repeat a row (no DISTINCT needed). */
export async function countRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<number> {
  const row = await query.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
  return row?.n ?? 0;
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
