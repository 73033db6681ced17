import { Router, type Request } from 'express';
import type { DataSource } from 'typeorm';
import { fileExport } from '../http/file-export.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

/**
 * Uploads for bulk import, over plain HTTP with `Authorization: Bearer` (a token or an API key),
 * as its caller through the same permissions and tenancy as the API; the body is the file itself,
 * read as it arrives:
 *
 * - `PUT /imports/<id>/file`: the file of an import made with `createResponseImport`; answers
 *   the import as `{"import": {…}}`, CHECKED or INVALID;
 * - `POST /imports/columns`: a file's heading row, `{"columns": […]}`, for mapping; only the
 *   first row is read.
 */
export function importRoutes(dataSource: DataSource, engagementId: string, services: Services, logger: Logger): Router {
  const router = Router();
  router.put(
    '/imports/:id/file',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      const staged = await discardOnFailure(req, () =>
        services.imports.stage(ctx, String(req.params.id), req, req.headers['content-type']),
      );
      res.setHeader('Cache-Control', 'no-store');
      res.json({ import: staged });
    }),
  );
  router.post(
    '/imports/columns',
    fileExport(dataSource, engagementId, services, logger, async (ctx, req, res) => {
      const columns = await services.imports.columns(ctx, req, req.headers['content-type']);
      // The rest of the file is not needed: read and drop it so the client can read the answer.
      req.resume();
      res.setHeader('Cache-Control', 'no-store');
      res.json({ columns });
    }),
  );
  return router;
}

/** A refused upload still reads the rest of the body (dropped), so the client, still sending, gets the answer. */
async function discardOnFailure<T>(req: Request, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    req.unpipe();
    req.resume();
    throw error;
  }
}
