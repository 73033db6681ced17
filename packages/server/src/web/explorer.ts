import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';

/** The explorer page, a second entry of the admin app's build (packages/admin/explorer.html). */
export const EXPLORER_PAGE = 'explorer.html';

/**
 * A browser opening `/graphql` gets the explorer; API clients (JSON, or a GET with a query) go on
 * to the API. The page holds no schema: it asks the API, with the signed-in token when there is
 * one, so in production an unsigned visitor learns nothing (anonymous introspection is refused).
 */
export function explorerPage(adminDir: string): RequestHandler | undefined {
  const page = join(adminDir, EXPLORER_PAGE);
  if (!existsSync(page)) return undefined;
  return (req, res, next) => {
    const wantsPage =
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (req.method !== 'GET' || !wantsPage || req.query.query !== undefined) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  };
}
