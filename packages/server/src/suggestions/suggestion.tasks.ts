import { ErrorCode } from '@chorus/shared';
import { badInput, DomainError } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { defineTask, type TaskEnvironment } from '../jobs/task.js';

function parseRun(payload: unknown): { runId: string } {
  const runId = (payload as { runId?: unknown } | null)?.runId;
  if (typeof runId !== 'string') throw badInput('runId', 'runId is required');
  return { runId: validate.id('runId', runId) };
}

/** Runs `work`; a refusal, or any failure on the last attempt, marks the run FAILED rather than leave it RUNNING. */
async function finalOnFailure(
  ctx: RequestContext,
  runId: string,
  { services, lastAttempt }: TaskEnvironment,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const refused = error instanceof DomainError && error.code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (refused || lastAttempt) await services.suggestionRuns.markFailed(ctx, runId);
    throw error;
  }
}

/** Trains the engagement's theme classifier on its codings; each attempt starts again from the codings. */
export const trainSuggestionModelTask = defineTask<{ runId: string }>({
  name: 'suggestions.train',
  maxAttempts: 3,
  parse: parseRun,
  run: (ctx, { runId }, env) => finalOnFailure(ctx, runId, env, () => env.services.suggestions.train(ctx, runId)),
});

/** Groups the engagement's uncoded responses into candidate themes. */
export const findThemeCandidatesTask = defineTask<{ runId: string }>({
  name: 'suggestions.candidates',
  maxAttempts: 3,
  parse: parseRun,
  run: (ctx, { runId }, env) =>
    finalOnFailure(ctx, runId, env, () => env.services.suggestions.findCandidates(ctx, runId)),
});
