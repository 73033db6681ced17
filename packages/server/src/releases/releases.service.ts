import { createHash } from 'node:crypto';
import { ErrorCode, Permission } from '@chorus/shared';
import type { UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, DomainError, notFound } from '../common/errors.js';
import { pageSize, paginate, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import { isSerializationFailure } from '../db/connection-errors.js';
import { streamRows } from '../db/cursor-stream.js';
import type { RequestContext } from '../db/request-context.js';
import {
  computeTables,
  type Dimension,
  type Measure,
  type ReleasedFigure,
  type ReleasedTable,
  type SuppressionReason,
} from '../disclosure/index.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { QuotesService } from '../quotes/quotes.service.js';
import { buildReleaseTask } from './build-release.task.js';
import { Release, ReleaseCellKind, ReleaseStatus, type ReleaseCell, type ReleaseTable } from './release.entity.js';
import { NAMED_TABLES, TABLE_NAMES } from './release-tables.js';

/** Up to this many responses a release is built within the request; beyond, by a job. */
export const INLINE_BUILD_LIMIT = 50_000;
/** Cells per INSERT while building, and per FETCH while exporting: bounds memory either way. */
const CELL_BATCH = 5_000;
/** Builds of one release in a row before a race with concurrent writes is given up as a failure. */
const SERIALIZATION_ATTEMPTS = 3;
export const EXPORT_FETCH = 1_000;
/** A background build's statement timeout (CHORUS_RELEASE_BUILD_TIMEOUT_MS) unless configured: 10 minutes. */
export const DEFAULT_RELEASE_BUILD_TIMEOUT_MS = 600_000;

type Figure = Omit<ReleaseCell, 'ordinal'>;

/** A table's figures in export order: its cells row by row, then row totals, column totals and the total. */
function figuresOf(table: ReleasedTable): Figure[] {
  const rowLabel = new Map(table.rows.map((c) => [c.key, c.label]));
  const columnLabel = new Map(table.columns.map((c) => [c.key, c.label]));
  const figure = (kind: ReleaseCellKind, row: string | null | undefined, column: string | null | undefined) => ({
    kind,
    rowKey: row ?? null,
    rowLabel: row === undefined ? null : (rowLabel.get(row) ?? null),
    columnKey: column ?? null,
    columnLabel: column === undefined ? null : (columnLabel.get(column) ?? null),
  });
  return [
    ...table.cells.map((c) => ({ ...figure(ReleaseCellKind.CELL, c.row, c.column), ...released(c) })),
    ...table.rowTotals.map((m) => ({ ...figure(ReleaseCellKind.ROW_TOTAL, m.key, undefined), ...released(m) })),
    ...table.columnTotals.map((m) => ({ ...figure(ReleaseCellKind.COLUMN_TOTAL, undefined, m.key), ...released(m) })),
    { ...figure(ReleaseCellKind.TOTAL, undefined, undefined), ...released(table.total) },
  ];
}

function released(figure: ReleasedFigure) {
  return { value: figure.value, suppressed: figure.suppressed, reason: figure.reason };
}

interface TableRow extends Record<string, unknown> {
  release_id: string;
  name: string;
  position: number;
  rows_dimension: Dimension;
  columns_dimension: Dimension;
  measure: Measure;
  content_hash: string;
  cell_count: number;
}

interface CellRow extends Record<string, unknown> {
  ordinal: number;
  kind: ReleaseCellKind;
  row_key: string | null;
  row_label: string | null;
  column_key: string | null;
  column_label: string | null;
  value: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

const CELL_COLUMNS = `ordinal, kind, row_key, row_label, column_key, column_label, value, suppressed, reason`;

const toCell = (row: CellRow): ReleaseCell => ({
  ordinal: row.ordinal,
  kind: row.kind,
  rowKey: row.row_key,
  rowLabel: row.row_label,
  columnKey: row.column_key,
  columnLabel: row.column_label,
  value: row.value,
  suppressed: row.suppressed,
  reason: row.reason,
});

const toTable = (row: TableRow): ReleaseTable => ({
  releaseId: row.release_id,
  name: row.name,
  title: NAMED_TABLES.find((t) => t.name === row.name)?.title ?? row.name,
  rows: row.rows_dimension,
  columns: row.columns_dimension,
  measure: row.measure,
  contentHash: row.content_hash,
  cellCount: row.cell_count,
});

/**
 * Releases: every table of RELEASE_TABLES computed by the disclosure module at one moment and
 * stored as it was released, so council keys and exports read figures that never change and
 * that no later withdrawal can be differenced against at will.
 */
export class ReleasesService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
    private readonly jobs: JobQueue,
    private readonly quotes: QuotesService,
    /** Each statement of a build run by a job may take this long; a request's keep the connection's 15 s. */
    private readonly backgroundStatementTimeoutMs = DEFAULT_RELEASE_BUILD_TIMEOUT_MS,
  ) {}

  /**
   * Numbers a new release at once (so two coordinators publishing together get two versions),
   * then builds it within this request when the engagement is small, or queues a job.
   */
  async publish(ctx: RequestContext): Promise<Release> {
    const { release, queued } = await this.useCases.run(ctx, Permission.ReleasePublish, async (tx) => {
      const [counted] = await tx.query<{ responses: number }>(
        `SELECT count(*)::int AS responses FROM (SELECT 1 FROM response_facts WHERE engagement_id = $1 LIMIT $2) f`,
        [tx.engagementId, INLINE_BUILD_LIMIT + 1],
      );
      const release = await this.number(tx);
      const queued = counted!.responses > INLINE_BUILD_LIMIT;
      if (queued) await this.jobs.enqueue(tx, buildReleaseTask, { releaseId: release.id });
      return { result: { release, queued }, audit: [] };
    });
    if (queued) return release;
    try {
      return await this.compile(ctx, release.id, null);
    } catch (error) {
      await this.markFailed(ctx, release.id);
      throw error;
    }
  }

  /** A new release, BUILDING, numbered next (serialised, so two publishers get two versions); in `tx`. */
  async number(tx: RequestContext): Promise<Release> {
    tx.require(Permission.ReleasePublish);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:release-version'), hashtext($1::text))`, [
      tx.engagementId,
    ]);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO releases (engagement_id, version, status, requested_by_user_id, requested_by_api_key_id)
       SELECT $1, coalesce(max(version), 0) + 1, 'BUILDING', $2, $3 FROM releases WHERE engagement_id = $1
       RETURNING id`,
      [tx.engagementId, tx.caller.userId, tx.caller.apiKeyId],
    );
    return tx.manager.findOneByOrFail(Release, { id: row!.id });
  }

  /** A build that cannot succeed: the release stays numbered, marked FAILED, and holds no tables. */
  async markFailed(ctx: RequestContext, releaseId: string): Promise<void> {
    await ctx.query(`UPDATE releases SET status = 'FAILED' WHERE id = $1 AND status = 'BUILDING'`, [releaseId]);
  }

  /**
   * Computes every table in one REPEATABLE READ transaction (one snapshot: the release describes
   * one moment), all together (their counts in one pass over the facts per measure; the figures of
   * all tables, some 20,000, in memory at once), stores each table's figures in batches, hashes
   * them, and publishes. A release already built is returned as it is, so a retried job is harmless.
   * Run by a job: its statements get the background timeout, for this transaction only.
   */
  build(ctx: RequestContext, releaseId: string): Promise<Release> {
    return this.compile(ctx, releaseId, this.backgroundStatementTimeoutMs);
  }

  /** The build; `statementTimeoutMs` null keeps the connection's (a request's) timeout. */
  private async compile(ctx: RequestContext, releaseId: string, statementTimeoutMs: number | null): Promise<Release> {
    if (ctx.inTransaction) throw new Error('a release is built in a transaction of its own');
    // A withdrawal or erasure that commits while the build waits for its quotes makes the snapshot
    // stale (40001): the build starts again and sees it, rather than failing the release.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.compileOnce(ctx, releaseId, statementTimeoutMs);
      } catch (error) {
        if (attempt >= SERIALIZATION_ATTEMPTS || !isSerializationFailure(error)) throw error;
      }
    }
  }

  private compileOnce(ctx: RequestContext, releaseId: string, statementTimeoutMs: number | null): Promise<Release> {
    return this.useCases.run(ctx, Permission.ReleasePublish, async (tx) => {
      await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
      if (statementTimeoutMs !== null) {
        await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [`${statementTimeoutMs}ms`]);
      }
      const release = await tx.manager.findOneBy(Release, { id: releaseId, engagementId: tx.engagementId });
      if (!release) throw notFound('Release', 'releaseId');
      if (release.status !== ReleaseStatus.BUILDING) return { result: release, audit: [] };
      // now() is the transaction's start: the moment the snapshot shows.
      const [snapshot] = await tx.query<{ now: Date; facts: string }>(
        `SELECT now() AS now, coalesce((SELECT version FROM aggregate_versions WHERE engagement_id = $1), 0)::text AS facts`,
        [tx.engagementId],
      );
      let threshold: number | null = null;
      let method: string | null = null;
      let cellCount = 0;
      const tableHashes: [string, string][] = [];
      // Every table counted together: one pass over the facts for all tables of a measure.
      const tables = await computeTables(
        tx,
        NAMED_TABLES.map((named) => named.spec),
      );
      for (const [i, named] of NAMED_TABLES.entries()) {
        const table = tables[i]!;
        threshold ??= table.threshold;
        method ??= table.method;
        const figures = figuresOf(table);
        const spec = table.spec;
        const hash = createHash('sha256')
          .update(JSON.stringify([named.name, spec.rows, spec.columns, spec.measure, table.threshold, table.method]))
          .update(
            JSON.stringify(
              figures.map((f) => [f.kind, f.rowKey, f.rowLabel, f.columnKey, f.columnLabel, f.value, f.reason]),
            ),
          )
          .digest('hex');
        await tx.query(
          `INSERT INTO release_tables (release_id, name, position, rows_dimension, columns_dimension, measure, content_hash, cell_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [release.id, named.name, named.position, spec.rows, spec.columns, spec.measure, hash, figures.length],
        );
        for (let start = 0; start < figures.length; start += CELL_BATCH) {
          const batch = figures.slice(start, start + CELL_BATCH);
          await tx.query(
            `INSERT INTO release_cells (release_id, table_name, ${CELL_COLUMNS})
             SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                          $9::int[], $10::boolean[], $11::text[])`,
            [
              release.id,
              named.name,
              batch.map((_, i) => start + i),
              batch.map((f) => f.kind),
              batch.map((f) => f.rowKey),
              batch.map((f) => f.rowLabel),
              batch.map((f) => f.columnKey),
              batch.map((f) => f.columnLabel),
              batch.map((f) => f.value),
              batch.map((f) => f.suppressed),
              batch.map((f) => f.reason),
            ],
          );
        }
        cellCount += figures.length;
        tableHashes.push([named.name, hash]);
      }
      // The quotes approved at this moment; withdrawals take them out later (the figures never change).
      const quotes = await this.quotes.attachToRelease(tx, release.id);
      const contentHash = createHash('sha256')
        .update(JSON.stringify([threshold, method, tableHashes]))
        .digest('hex');
      await tx.query(
        `UPDATE releases SET status = 'PUBLISHED', threshold = $2, method = $3, content_hash = $4, table_count = $5,
           cell_count = $6, snapshot_at = $7, facts_version = $8, published_at = clock_timestamp() WHERE id = $1`,
        [release.id, threshold, method, contentHash, tableHashes.length, cellCount, snapshot!.now, snapshot!.facts],
      );
      return {
        result: await tx.manager.findOneByOrFail(Release, { id: release.id }),
        audit: [
          {
            action: AuditAction.ReleasePublished,
            entityType: 'release',
            entityId: release.id,
            details: { version: release.version, tables: tableHashes.length, cells: cellCount, quotes, contentHash },
          },
        ],
      };
    });
  }

  /** Newest first. Council keys and analysts see published releases; publishers see those building or failed too. */
  list(ctx: RequestContext, page: PageArgs): Promise<Page<Release>> {
    ctx.require(Permission.ReleaseRead);
    const query = ctx.manager
      .createQueryBuilder(Release, 'r')
      .where('r.engagement_id = :engagementId', { engagementId: ctx.engagementId });
    if (!ctx.caller.can(Permission.ReleasePublish)) query.andWhere(`r.status = 'PUBLISHED'`);
    return paginate(
      query,
      { column: 'r.version', idColumn: 'r.id', type: 'int', valueOf: (r) => String(r.version) },
      page,
      this.cursors,
    );
  }

  /** A published release by version, or the latest when none is given (null before the first). */
  async find(ctx: RequestContext, version: number | null | undefined, field = 'version'): Promise<Release | null> {
    ctx.require(Permission.ReleaseRead);
    if (version === null || version === undefined) {
      return ctx.manager.findOne(Release, {
        where: { engagementId: ctx.engagementId, status: ReleaseStatus.PUBLISHED },
        order: { version: 'DESC' },
      });
    }
    if (!Number.isInteger(version) || version < 1) throw badInput(field, `${field} must be a whole number from 1`);
    const release = await ctx.manager.findOneBy(Release, {
      engagementId: ctx.engagementId,
      version,
      status: ReleaseStatus.PUBLISHED,
    });
    if (!release) throw notFound('Release', field);
    return release;
  }

  /** Any release of the engagement by id, as its publishers see it; null if there is none. */
  byId(ctx: RequestContext, id: string): Promise<Release | null> {
    ctx.require(Permission.ReleasePublish);
    return ctx.manager.findOneBy(Release, { id, engagementId: ctx.engagementId });
  }

  /** Its tables in their fixed order; batched with sibling releases' reads. */
  async tables(ctx: RequestContext, release: Release): Promise<ReleaseTable[]> {
    ctx.require(Permission.ReleaseRead);
    const rows = await ctx.read<TableRow>(
      `SELECT release_id, name, position, rows_dimension, columns_dimension, measure, content_hash, cell_count
       FROM release_tables WHERE release_id = $1 ORDER BY position`,
      [release.id],
    );
    return rows.map(toTable);
  }

  /** One table of a release; NOT_FOUND naming `name`, and the names there are. */
  async table(ctx: RequestContext, release: Release, name: string, field = 'name'): Promise<ReleaseTable> {
    ctx.require(Permission.ReleaseRead);
    const [row] = await ctx.read<TableRow>(
      `SELECT release_id, name, position, rows_dimension, columns_dimension, measure, content_hash, cell_count
       FROM release_tables WHERE release_id = $1 AND name = $2`,
      [release.id, name],
    );
    if (!row) throw notFoundTable(field);
    return toTable(row);
  }

  /** A page of a table's figures in export order: one index range of release_cells. */
  async cells(ctx: RequestContext, table: ReleaseTable, page: PageArgs): Promise<Page<ReleaseCell>> {
    ctx.require(Permission.ReleaseRead);
    const first = pageSize(page.first);
    const scope = `release_cells ${table.releaseId} ${table.name}`;
    const after = page.after ? Number(this.cursors.decode(scope, page.after)[0]) : -1;
    const rows = await ctx.read<CellRow>(
      `SELECT ${CELL_COLUMNS} FROM release_cells
       WHERE release_id = $1 AND table_name = $2 AND ordinal > $3 ORDER BY ordinal LIMIT $4`,
      [table.releaseId, table.name, after, first + 1],
    );
    const edges = rows.slice(0, first).map((row) => ({
      node: toCell(row),
      cursor: this.cursors.encode(scope, String(row.ordinal), table.releaseId),
    }));
    return {
      totalCount: Promise.resolve(table.cellCount),
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: Boolean(page.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  /** Every figure of a small table, in export order (the report reads a few tables whole). */
  async figures(ctx: RequestContext, release: Release, name: string): Promise<ReleaseCell[]> {
    const table = await this.table(ctx, release, name);
    const rows = await ctx.read<CellRow>(
      `SELECT ${CELL_COLUMNS} FROM release_cells WHERE release_id = $1 AND table_name = $2 ORDER BY ordinal`,
      [table.releaseId, table.name],
    );
    return rows.map(toCell);
  }

  /**
   * A table's figures in export order, a batch at a time from a server-side cursor, so an export
   * never holds a whole table in memory. Stops early when `each` returns false (the client left).
   */
  async streamCells(
    ctx: RequestContext,
    table: ReleaseTable,
    each: (batch: ReleaseCell[]) => Promise<boolean>,
  ): Promise<void> {
    ctx.require(Permission.ReleaseRead);
    await streamRows<CellRow>(
      ctx.dataSource,
      `SELECT ${CELL_COLUMNS} FROM release_cells WHERE release_id = $1 AND table_name = $2 ORDER BY ordinal`,
      [table.releaseId, table.name],
      EXPORT_FETCH,
      (rows) => each(rows.map(toCell)),
    );
  }
}

/** NOT_FOUND naming the field and every table a release holds. */
export function notFoundTable(field: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No such table; a release holds: ${TABLE_NAMES.join(', ')}`, field);
}
