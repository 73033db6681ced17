import { ErrorCode, Permission } from '@chorus/shared';
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/errors.js';
import { fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

const FILE = /^report\.(html|pdf)$/;
const VERSION = /^(latest|[1-9][0-9]{0,8})$/;

/**
 * `GET /exports/reports/{latest|<version>}/report.{html|pdf}`: a version of the board report, for
 * staff who may read reports, and for council keys once a coordinator has published it. The HTML
 * runs no script and loads nothing from elsewhere, and says so in its Content-Security-Policy.
 */
export function reportRoutes(dataSource: DataSource, engagementId: string, services: Services, logger: Logger): Router {
  const router = Router();
  router.get(
    '/exports/reports/:version/:file',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      ctx.require(Permission.ReportRead);
      const version = String(req.params.version);
      const file = FILE.exec(String(req.params.file));
      if (!VERSION.test(version)) {
        throw new DomainError(ErrorCode.NOT_FOUND, 'The version must be "latest" or a report version', 'version');
      }
      if (!file) throw new DomainError(ErrorCode.NOT_FOUND, 'A report version has report.html and report.pdf', 'file');
      const format = file[1] as 'html' | 'pdf';
      const { report, body } = await services.reports.file(ctx, version === 'latest' ? null : Number(version), format);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="chorus-board-report-${report.version}.${format}"`);
      if (format === 'html') {
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        res.type('text/html; charset=utf-8');
      } else res.type('application/pdf');
      res.send(body);
    }),
  );
  return router;
}
