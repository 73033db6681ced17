import type { Caller } from '../access/caller.js';
import { badInput, unauthenticated } from '../common/errors.js';
import type { RequestContext } from '../db/request-context.js';
import { openEnvelope, sealEnvelope } from './envelope.js';
import { DEFAULT_MAX_ATTEMPTS, type Task } from './task.js';

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Overrides the task's own setting. */
  maxAttempts?: number;
  /** At most one waiting job per key: queuing again replaces the waiting one (graphile-worker's job_key). */
  jobKey?: string;
}

/**
 * Queues jobs on graphile-worker through SQL (`graphile_worker.add_job`) on the caller's own
 * connection: inside the caller's transaction when there is one, so a job exists only if the
 * work that queued it commits.
 */
export class JobQueue {
  constructor(private readonly key: Buffer) {}

  async enqueue<P>(ctx: RequestContext, task: Task<P>, payload: P, options: EnqueueOptions = {}): Promise<string> {
    if (ctx.caller.kind === 'anonymous') throw unauthenticated();
    const parsed = task.parse(payload);
    const maxAttempts = options.maxAttempts ?? task.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)
      throw badInput('maxAttempts', 'must be a whole number from 1 to 100');
    const envelope = sealEnvelope(this.key, task.name, ctx.caller, ctx.engagementId, parsed);
    const [job] = await ctx.query<{ id: string }>(
      `SELECT id::text FROM graphile_worker.add_job($1, $2::json, run_at => $3, max_attempts => $4::smallint, job_key => $5)`,
      [task.name, JSON.stringify(envelope), options.runAt ?? null, maxAttempts, options.jobKey ?? null],
    );
    return job!.id;
  }

  /** The caller, engagement and payload of a stored job; JobRefused if it was not sealed by this secret. */
  open(taskName: string, stored: unknown): { caller: Caller; engagementId: string; payload: unknown } {
    return openEnvelope(this.key, taskName, stored);
  }
}
