import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

/**
 * `GET /exports/sessions/<id>/paper-forms.pdf?count=N`: N printable forms for a QUESTIONNAIRE
 * session, each with a fresh participant code reserved for it, for callers who may print the
 * session's forms (paperForm.print) and reach it (tenancy). No personal data is in the URL.
 */
export function paperFormRoutes(
  dataSource: DataSource,
  engagementId: string,
  services: Services,
  logger: Logger,
): Router {
  const router = Router();
  router.get(
    '/exports/sessions/:sessionId/paper-forms.pdf',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      const raw = req.query.count;
      const count = typeof raw === 'string' && /^[0-9]{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
      const { pdf } = await services.paperForms.print(ctx, String(req.params.sessionId), count);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="chorus-paper-forms-${count}.pdf"`);
      res.type('application/pdf');
      res.send(pdf);
    }),
  );
  return router;
}
