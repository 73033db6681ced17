import { ErrorCode, type Role } from '@chorus/shared';
import { run, type Runner, type Task as WorkerTask, type TaskList } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { Caller } from '../access/caller.js';
import { DomainError } from '../common/errors.js';
import { RequestContext } from '../db/request-context.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { JobRefused } from './envelope.js';
import type { Task } from './task.js';
import { taskRegistry } from './task.js';
import { workerLogger } from './worker-logger.js';

export interface JobRunnerOptions {
  databaseUrl: string;
  dataSource: DataSource;
  services: Services;
  tasks: readonly Task<unknown>[];
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** How often to look for jobs that became due (retries, `runAt`); new jobs arrive by LISTEN/NOTIFY. */
  pollIntervalMs?: number;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Codes that say "try again later"; every other refusal of the domain is final. */
const RETRYABLE_CODES = new Set<string>([ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL_SERVER_ERROR]);

interface Failure {
  permanent: boolean;
  /** The error's class and code only: messages may quote personal data (a query's parameters). */
  errorClass: string;
  code: string | undefined;
}

function classifyFailure(error: unknown): Failure {
  if (error instanceof JobRefused) return { permanent: true, errorClass: 'JobRefused', code: error.reason };
  if (error instanceof DomainError)
    return { permanent: !RETRYABLE_CODES.has(error.code), errorClass: 'DomainError', code: error.code };
  const errorClass = error instanceof Error ? error.constructor.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return { permanent: false, errorClass, code: typeof code === 'string' ? code : undefined };
}

/**
 * A job acts only while its caller still could: a disabled user or a revoked key is refused, and
 * so is a role or organisation that no longer matches what was queued.
 */
async function assertCallerActive(dataSource: DataSource, caller: Caller): Promise<void> {
  if (caller.kind === 'system') return;
  if (caller.kind === 'anonymous') throw new JobRefused('CALLER_INACTIVE');
  type Holder = { role: Role; organisation_id: string | null; ended_at: Date | null };
  const [row] =
    caller.kind === 'user'
      ? await dataSource.query<Holder[]>(
          `SELECT role, organisation_id, disabled_at AS ended_at FROM users WHERE id = $1`,
          [caller.userId],
        )
      : await dataSource.query<Holder[]>(
          `SELECT role, organisation_id, revoked_at AS ended_at FROM api_keys WHERE id = $1`,
          [caller.apiKeyId],
        );
  if (!row || row.ended_at) throw new JobRefused('CALLER_INACTIVE');
  if (row.role !== caller.role || row.organisation_id !== caller.organisationId) throw new JobRefused('CALLER_CHANGED');
}

/**
 * Runs the registered tasks from the queue: inside the server (CHORUS_JOBS=inline) or in a
 * `pnpm worker` process. Each job rebuilds its caller's RequestContext and runs the task as them.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { dataSource, services, logger } = options;
  const registry = taskRegistry(options.tasks);
  if (registry.size === 0) {
    logger.info('job runner idle: no tasks are registered');
    return { stop: async () => {} };
  }

  const taskList: TaskList = {};
  for (const task of registry.values()) {
    const executor: WorkerTask = async (stored, helpers) => {
      const { job } = helpers;
      const log = { task: task.name, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts };
      const started = Date.now();
      try {
        const { caller, engagementId, payload } = services.jobs.open(task.name, stored);
        await assertCallerActive(dataSource, caller);
        const ctx = RequestContext.forJob(dataSource, caller, engagementId, job.id);
        await task.run(ctx, task.parse(payload), { services, lastAttempt: job.attempts >= job.max_attempts });
        logger.info({ ...log, ms: Date.now() - started }, 'job done');
      } catch (error) {
        const failure = classifyFailure(error);
        logger.warn({ ...log, ...failure }, failure.permanent ? 'job failed permanently' : 'job failed');
        if (failure.permanent) {
          // graphile-worker retries every failure until max_attempts; a permanent one has used them all.
          await helpers.query(`UPDATE graphile_worker._private_jobs SET max_attempts = attempts WHERE id = $1`, [
            job.id,
          ]);
        }
        // What graphile-worker logs and stores as last_error: the class and code, never the message.
        const stored = new Error([failure.errorClass, failure.code].filter(Boolean).join(' '));
        stored.stack = undefined;
        throw stored;
      }
    };
    taskList[task.name] = executor;
  }

  const runner: Runner = await run({
    connectionString: options.databaseUrl,
    maxPoolSize: options.concurrency + 2,
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs ?? 2_000,
    noHandleSignals: true,
    logger: workerLogger(logger),
    taskList,
  });
  logger.info({ tasks: registry.size, concurrency: options.concurrency }, 'job runner started');
  return {
    stop: async () => {
      await runner.stop();
      logger.info('job runner stopped');
    },
  };
}
