import type { RequestContext } from './request-context.js';

interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
}

/** One table an erasure changed, and how many of its rows. */
export interface TableTouched {
  table: string;
  rows: number;
}

/** Lists of tables touched as one, each table once with its rows summed, in first-seen order. */
export function mergeTouched(...lists: TableTouched[][]): TableTouched[] {
  const rows = new Map<string, number>();
  for (const { table, rows: n } of lists.flat()) rows.set(table, (rows.get(table) ?? 0) + n);
  return [...rows].map(([table, n]) => ({ table, rows: n }));
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables whose rows reference one row of `table` through foreign keys, directly or through
 * rows that do (responses, then their codings and quotes), with how many rows of each: what an
 * erasure of that row cascades into, read from the catalogue, so a table added later is counted
 * without anyone remembering to list it. Single-column keys in the current schema.
 */
export async function rowsReferencing(ctx: RequestContext, table: string, id: string): Promise<TableTouched[]> {
  const keys = await ctx.query<ForeignKey>(
    `SELECT child.relname AS child, ca.attname AS "column", parent.relname AS parent, pa.attname AS "parentColumn"
     FROM pg_constraint c
     JOIN pg_class child ON child.oid = c.conrelid
     JOIN pg_class parent ON parent.oid = c.confrelid
     JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
     JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
       AND c.connamespace = current_schema()::regnamespace AND c.conrelid <> c.confrelid
     ORDER BY child.relname, ca.attname`,
  );
  // Which rows of each reached table are involved, as a subquery on $1.
  const rowsOf = new Map<string, string>([[table, `SELECT * FROM ${quoted(table)} WHERE id = $1`]]);
  const order: string[] = [];
  for (let frontier = [table]; frontier.length;) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const key of keys.filter((k) => k.parent === parent && !rowsOf.has(k.child))) {
        const via = keys.filter((k) => k.child === key.child && rowsOf.has(k.parent));
        const where = via
          .map(
            (k) =>
              `${quoted(k.column)} IN (SELECT ${quoted(k.parentColumn)} FROM (${rowsOf.get(k.parent)}) ${quoted(`${k.parent}_rows`)})`,
          )
          .join(' OR ');
        rowsOf.set(key.child, `SELECT * FROM ${quoted(key.child)} WHERE ${where}`);
        order.push(key.child);
        next.push(key.child);
      }
    }
    frontier = next;
  }
  if (!order.length) return [];
  const [counts] = await ctx.query<Record<string, number>>(
    `SELECT ${order.map((name, i) => `(SELECT count(*)::int FROM (${rowsOf.get(name)}) t${i}) AS ${quoted(name)}`).join(', ')}`,
    [id],
  );
  return order.map((name) => ({ table: name, rows: counts![name]! })).filter((t) => t.rows > 0);
}
