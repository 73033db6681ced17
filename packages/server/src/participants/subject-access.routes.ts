import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { notFound } from '../common/errors.js';
import { fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { subjectAccessPage } from './subject-access-page.js';

const FILE = /^data\.(json|html)$/;

/**
 * `GET /exports/participants/<id>/data.{json|html}`: a subject access export as a file, for a
 * caller whose bearer token may build one (admins). Each download is audited and never cached.
 */
export function subjectAccessRoutes(
  dataSource: DataSource,
  engagementId: string,
  services: Services,
  logger: Logger,
): Router {
  const router = Router();
  router.get(
    '/exports/participants/:id/:file',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      const file = FILE.exec(String(req.params.file));
      if (!file) throw notFound('Export file', 'file');
      const data = await services.subjectAccess.export(ctx, String(req.params.id), 'id');
      const format = file[1] as 'json' | 'html';
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="chorus-participant-${data.participant.code as string}.${format}"`,
      );
      if (format === 'json') res.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
      else res.type('text/html; charset=utf-8').send(subjectAccessPage(data));
    }),
  );
  return router;
}
