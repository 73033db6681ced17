import { once } from 'node:events';
import { ErrorCode, EXPORT_COLUMNS, Permission } from '@chorus/shared';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { Caller } from '../access/caller.js';
import { DomainError } from '../common/errors.js';
import { isConnectionLoss } from '../db/connection-errors.js';
import { RequestContext } from '../db/request-context.js';
import { sendErrorReply } from '../http/error-reply.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { Release, ReleaseCell, ReleaseTable } from './release.entity.js';
import { notFoundTable } from './releases.service.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

const FILE = /^([a-z0-9-]{1,100})\.(csv|json)$/;
/** The file of a release that holds its quotes rather than a table. */
const QUOTES_FILE = 'quotes';
const QUOTE_COLUMNS = ['release', 'position', 'quote', 'text', 'attribution', 'prompt'] as const;
const VERSION = /^(latest|[1-9][0-9]{0,8})$/;

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  router.get('/exports/releases/:version/:file', async (req: Request, res: Response) => {
    const anonymous = new RequestContext(dataSource, engagementId, Caller.anonymous, req.id as string);
    try {
      const ctx = anonymous.as(await services.auth.callerFor(anonymous, req.headers.authorization));
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
      res.setHeader('ETag', etag);
      res.setHeader('Last-Modified', release.publishedAt!.toUTCString());
      res.setHeader('Cache-Control', 'private, no-cache');
      res.setHeader('Vary', 'Authorization');
      if (matches(req.headers['if-none-match'], etag)) return void res.status(304).end();

      res.status(200);
      res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="chorus-release-${release.version}-${table.name}.${format}"`,
      );
      await stream(res, format, release, table, (each) => services.releases.streamCells(ctx, table, each));
    } catch (error) {
      if (res.headersSent) {
        // Mid-stream: the client sees a truncated body (no closing bracket or a short CSV), never a wrong one.
        logger.warn({ errorClass: (error as Error)?.constructor?.name }, 'export stopped');
        return void res.destroy();
      }
      if (error instanceof DomainError && STATUS[error.code]) {
        return sendErrorReply(req, res, {
          status: STATUS[error.code]!,
          code: error.code,
          message: error.message,
          field: error.field,
        });
      }
      const unavailable = isConnectionLoss(error);
      if (!unavailable) logger.error({ errorClass: (error as Error)?.constructor?.name }, 'export failed');
      sendErrorReply(req, res, {
        status: unavailable ? 503 : 500,
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        message: unavailable ? 'The database is unavailable; try again shortly' : 'The export failed',
      });
    }
  });
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
    res.send([QUOTE_COLUMNS, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join(''));
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
  const write = async (chunk: string): Promise<boolean> => {
    if (res.destroyed) return false;
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    return !res.destroyed;
  };
  let first = true;
  if (format === 'csv') await write(`${EXPORT_COLUMNS.join(',')}\r\n`);
  else
    await write(
      `{"release":${releaseHeader(release)},"table":${JSON.stringify({ name: table.name, title: table.title, rows: table.rows, columns: table.columns, measure: table.measure, contentHash: table.contentHash })},"columns":${JSON.stringify(EXPORT_COLUMNS)},"cells":[`,
    );
  await source(async (batch) => {
    const text =
      format === 'csv'
        ? batch.map((cell) => `${values(release, table, cell).map(csvField).join(',')}\r\n`).join('')
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
