import { ErrorCode } from '@chorus/shared';
import { badInput, DomainError } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { defineTask } from '../jobs/task.js';

/** Stores a checked import, all rows or none, as the coordinator or partner who started it. */
export const runImportTask = defineTask<{ importId: string }>({
  name: 'imports.run',
  // Each attempt is one transaction: a failed one leaves nothing behind.
  maxAttempts: 3,
  parse(payload) {
    const importId = (payload as { importId?: unknown } | null)?.importId;
    if (typeof importId !== 'string') throw badInput('importId', 'importId is required');
    return { importId: validate.id('importId', importId) };
  },
  async run(ctx, { importId }, { services, lastAttempt }) {
    try {
      await services.imports.run(ctx, importId);
    } catch (error) {
      // A refusal, or any failure on the last attempt, is final: say so rather than leave it IMPORTING.
      const refused = error instanceof DomainError && error.code !== ErrorCode.INTERNAL_SERVER_ERROR;
      if (refused || lastAttempt) {
        await services.imports.markFailed(
          ctx,
          importId,
          refused ? (error as Error).message : 'The import failed: nothing was stored',
        );
      }
      throw error;
    }
  },
});
