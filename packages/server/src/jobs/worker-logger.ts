import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../logger.js';

/** graphile-worker's own lines, without their metadata (which carries the job and its payload). */
export function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message) => {
    if (level === 'error') logger.error({ scope: 'jobs' }, message);
    else if (level === 'warning') logger.warn({ scope: 'jobs' }, message);
    else logger.debug({ scope: 'jobs' }, message);
  });
}
