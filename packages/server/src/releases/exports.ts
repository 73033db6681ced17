import { ErrorCode, EXPORT_COLUMNS, Permission } from '@chorus/shared';
import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/errors.js';
import type { RequestContext } from '../db/request-context.js';
import { bodyWriter, csvLine, fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { Release, ReleaseCell, ReleaseTable } from './release.entity.js';
import { notFoundTable } from './releases.service.js';

const FILE = /^([a-z0-9-]{1,100})\.(csv|json)$/;
/** The file of a release that holds its quotes rather than a table. */
const QUOTES_FILE = 'quotes';
const QUOTE_COLUMNS = ['release', 'position', 'quote', 'text', 'attribution', 'prompt'] as const;
const VERSION = /^(latest|[1-9][0-9]{0,8})$/;

function values(release: Release, table: ReleaseTable, cell: ReleaseCell) {
  return [
    release.version,
    table.name,
    cell.kind,
    cell.rowKey,
    cell.rowLabel,
    cell.columnKey,
    cell.columnLabel,
    cell.value,
    cell.suppressed,
    cell.reason,
  ] as const;
}

/**
 * `GET /exports/releases/{latest|<version>}/<table>.{csv|json}`: one table of a published
 * release for a warehouse's scheduled pull, with any token that may read releases (a council
 * key); `quotes.{csv|json}` is the release's quotes, for staff only. The ETag names the table's content and the release, so an unchanged pull is a 304; the
 * body is streamed from a database cursor a batch at a time.
 */
export function exportRoutes(dataSource: DataSource, engagementId: string, services: Services, logger: Logger): Router {
  const router = Router();
  router.get(
    '/exports/releases/:version/:file',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res, charge) => {
      // Authentication first: an anonymous caller learns nothing, not even which tables exist.
      ctx.require(Permission.ReleaseRead);
      const version = String(req.params.version);
      const file = FILE.exec(String(req.params.file));
      if (!VERSION.test(version)) {
        throw new DomainError(ErrorCode.NOT_FOUND, 'The version must be "latest" or a release number', 'version');
      }
      if (!file) throw notFoundTable('table');
      const [, name, format] = file as unknown as [string, string, 'csv' | 'json'];
      const release = await services.releases.find(ctx, version === 'latest' ? null : Number(version));
      if (!release) throw new DomainError(ErrorCode.NOT_FOUND, 'No release has been published yet', 'version');
      if (name === QUOTES_FILE) return await sendQuotes(res, format, release, ctx, services);
      const table = await services.releases.table(ctx, release, name, 'table');

      const etag = `"${table.contentHash.slice(0, 32)}-v${release.version}-${format}"`;
      const unchanged = matches(req.headers['if-none-match'], etag);
      // A point per figure sent (several fewer than reading it through GraphQL), before any is sent.
      if (!unchanged) await charge(table.cellCount);
      res.setHeader('ETag', etag);
      res.setHeader('Last-Modified', release.publishedAt!.toUTCString());
      res.setHeader('Cache-Control', 'private, no-cache');
      res.setHeader('Vary', 'Authorization');
      if (unchanged) return void res.status(304).end();

      res.status(200);
      res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="chorus-release-${release.version}-${table.name}.${format}"`,
      );
      await stream(res, format, release, table, (each) => services.releases.streamCells(ctx, table, each));
    }),
  );
  return router;
}

function releaseHeader(release: Release): string {
  return JSON.stringify({
    version: release.version,
    contentHash: release.contentHash,
    threshold: release.threshold,
    method: release.method,
    snapshotAt: release.snapshotAt,
    publishedAt: release.publishedAt,
  });
}

/**
 * `quotes.{csv|json}`: the release's quotes still published (a withdrawal takes one out of every
 * release at once), for staff who may read quotes; each quote sent is recorded as a use. Never
 * cached: what it holds changes with consent, not with the release.
 */
async function sendQuotes(
  res: Response,
  format: 'csv' | 'json',
  release: Release,
  ctx: RequestContext,
  services: Services,
): Promise<void> {
  const quotes = await services.quotes.exportRelease(ctx, release.id, format);
  const rows = quotes.map((q) => [release.version, q.position, q.quoteId, q.text, q.attribution, q.prompt] as const);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Disposition', `attachment; filename="chorus-release-${release.version}-quotes.${format}"`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    res.send([QUOTE_COLUMNS, ...rows].map(csvLine).join(''));
    return;
  }
  res.type('application/json; charset=utf-8');
  res.send(
    `{"release":${releaseHeader(release)},"columns":${JSON.stringify(QUOTE_COLUMNS)},"quotes":${JSON.stringify(
      rows.map((row) => Object.fromEntries(QUOTE_COLUMNS.map((column, i) => [column, row[i]]))),
    )}}`,
  );
}

/** If-None-Match: `*`, or a list of tags (weak or strong) one of which is ours. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

async function stream(
  res: Response,
  format: 'csv' | 'json',
  release: Release,
  table: ReleaseTable,
  source: (each: (batch: ReleaseCell[]) => Promise<boolean>) => Promise<void>,
): Promise<void> {
  const write = bodyWriter(res);
  let first = true;
  if (format === 'csv') await write(csvLine(EXPORT_COLUMNS));
  else
    await write(
      `{"release":${releaseHeader(release)},"table":${JSON.stringify({ name: table.name, title: table.title, rows: table.rows, columns: table.columns, measure: table.measure, contentHash: table.contentHash })},"columns":${JSON.stringify(EXPORT_COLUMNS)},"cells":[`,
    );
  await source(async (batch) => {
    const text =
      format === 'csv'
        ? batch.map((cell) => csvLine(values(release, table, cell))).join('')
        : batch
            .map((cell) => {
              const row = values(release, table, cell);
              const line = JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row[i]])));
              const separated = first ? line : `,${line}`;
              first = false;
              return separated;
            })
            .join('');
    return write(text);
  });
  if (format === 'json') await write(']}');
  res.end();
}
