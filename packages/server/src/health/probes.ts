import { Router, type RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { RETRY_AFTER_SECONDS } from '../db/connection-errors.js';

const DATABASE_CHECK_MS = 2_000;

export interface Probes {
  router: Router;
  /** Probe paths, kept out of the request log. */
  paths: ReadonlySet<string>;
  /** From now on readiness fails, so a load balancer stops sending new requests. */
  drain(): void;
}

async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error('database timed out')), DATABASE_CHECK_MS)),
      ),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (`/livez`: the process answers; restart it if not) apart from readiness (`/readyz`:
 * the database answers and shutdown has not begun; send it traffic). `/healthz` is the
 * contract's name for readiness.
 */
export function probeRoutes(dataSource: DataSource): Probes {
  let draining = false;
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness: RequestHandler = async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (draining) {
      res.status(503).json({ status: 'draining' });
    } else if (await databaseAnswers(dataSource)) {
      res.json({ status: 'ok' });
    } else {
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  };
  router.get(['/readyz', '/healthz'], readiness);
  return {
    router,
    paths: new Set(['/livez', '/readyz', '/healthz']),
    drain: () => {
      draining = true;
    },
  };
}
