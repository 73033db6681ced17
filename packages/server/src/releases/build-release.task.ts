import { ErrorCode } from '@chorus/shared';
import { badInput, DomainError } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { defineTask } from '../jobs/task.js';

/** Builds a release too large to build within the request that asked for it. */
export const buildReleaseTask = defineTask<{ releaseId: string }>({
  name: 'releases.build',
  // Each attempt rebuilds from scratch in one transaction: a failed one leaves nothing behind.
  maxAttempts: 3,
  parse(payload) {
    const releaseId = (payload as { releaseId?: unknown } | null)?.releaseId;
    if (typeof releaseId !== 'string') throw badInput('releaseId', 'releaseId is required');
    return { releaseId: validate.id('releaseId', releaseId) };
  },
  async run(ctx, { releaseId }, { services, lastAttempt }) {
    try {
      await services.releases.build(ctx, releaseId);
    } catch (error) {
      // A refusal (FORBIDDEN, NOT_FOUND), or any failure on the last attempt, is final: say so
      // rather than leave the release BUILDING for ever.
      const refused = error instanceof DomainError && error.code !== ErrorCode.INTERNAL_SERVER_ERROR;
      if (refused || lastAttempt) {
        await services.releases.markFailed(ctx, releaseId);
      }
      throw error;
    }
  },
});
