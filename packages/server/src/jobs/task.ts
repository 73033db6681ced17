import type { RequestContext } from '../db/request-context.js';
import type { Services } from '../services.js';

/** What a task's `run` gets besides its payload: the process's services, as a resolver has them. */
export interface TaskEnvironment {
  services: Services;
  /** True on the job's last attempt: a failure now is final, whatever its kind. */
  lastAttempt: boolean;
}

/**
 * A named kind of background work. `parse` checks a payload when it is queued and again when it
 * runs (a stored payload is untrusted input), and returns the typed value the task works on.
 * `run` gets the rebuilt context of the caller who queued the job, so it goes through the same
 * services, permissions and tenancy as that caller's own request would.
 */
export interface Task<P> {
  name: string;
  parse(payload: unknown): P;
  run(ctx: RequestContext, payload: P, env: TaskEnvironment): Promise<void>;
  /** Attempts before a transient failure is final; permanent failures never retry. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
const NAME = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

export function defineTask<P>(task: Task<P>): Task<P> {
  if (!NAME.test(task.name)) throw new TypeError(`task name "${task.name}" must look like feature.verb`);
  return task;
}

/** The tasks one runner serves, by name; a name may be registered once. */
export function taskRegistry(tasks: readonly Task<unknown>[]): ReadonlyMap<string, Task<unknown>> {
  const registry = new Map<string, Task<unknown>>();
  for (const task of tasks) {
    if (registry.has(task.name)) throw new TypeError(`task "${task.name}" is registered twice`);
    registry.set(task.name, task);
  }
  return registry;
}
