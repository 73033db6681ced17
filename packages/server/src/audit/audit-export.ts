import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { bodyWriter, csvLine, fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { AuditAction } from './audit-action.js';
import { AUDIT_CSV_COLUMNS, type AuditFilter } from './audit-log.service.js';
import { badInput } from '../common/errors.js';

const ACTIONS = new Set<string>(Object.values(AuditAction));

function one(query: unknown, name: string): string | null {
  if (query === undefined) return null;
  if (typeof query !== 'string') throw badInput(name, `${name} may be given once`);
  return query || null;
}

function date(query: unknown, name: string): Date | null {
  const text = one(query, name);
  if (text === null) return null;
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) throw badInput(name, `${name} must be an ISO 8601 date-time`);
  return value;
}

/**
 * `GET /exports/audit.csv?recordId=&callerId=&action=&from=&to=`: the audit log under the same
 * filter as `auditEvents`, newest first, for an admin. The export itself is audited.
 */
export function auditExportRoutes(
  dataSource: DataSource,
  engagementId: string,
  services: Services,
  logger: Logger,
): Router {
  const router = Router();
  router.get(
    '/exports/audit.csv',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      const action = one(req.query.action, 'filter.action');
      if (action !== null && !ACTIONS.has(action))
        throw badInput('filter.action', 'filter.action is not an audit action');
      const filter: AuditFilter = {
        recordId: one(req.query.recordId, 'filter.recordId'),
        callerId: one(req.query.callerId, 'filter.callerId'),
        action: action as AuditAction | null,
        from: date(req.query.from, 'filter.from'),
        to: date(req.query.to, 'filter.to'),
      };
      await services.auditLog.recordExport(ctx, filter);
      const write = bodyWriter(res);
      res.status(200);
      res.type('text/csv; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', 'attachment; filename="chorus-audit-log.csv"');
      await write(csvLine(AUDIT_CSV_COLUMNS));
      await services.auditLog.stream(ctx, filter, (batch) =>
        write(
          batch
            .map((event) =>
              csvLine(AUDIT_CSV_COLUMNS.map((column) => (column === 'at' ? event.at.toISOString() : event[column]))),
            )
            .join(''),
        ),
      );
      res.end();
    }),
  );
  return router;
}
