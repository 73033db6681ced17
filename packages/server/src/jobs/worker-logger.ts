import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../logger.js';

/** graphile-worker's own lines, without their metadata (which carries the job and its payload). */
export function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message) => {
    // LogLevel is an ambient const enum (no runtime object under isolatedModules): its values.
    const severity: string = level;
    if (severity === 'error') logger.error({ scope: 'jobs' }, message);
    else if (severity === 'warning') logger.warn({ scope: 'jobs' }, message);
    else logger.debug({ scope: 'jobs' }, message);
  });
}
