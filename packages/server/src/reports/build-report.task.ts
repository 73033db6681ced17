import { ErrorCode } from '@chorus/shared';
import { badInput, DomainError } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { defineTask } from '../jobs/task.js';

/** Builds a version of the board report, as the analyst or coordinator who asked for it. */
export const buildReportTask = defineTask<{ reportId: string }>({
  name: 'reports.build',
  // Each attempt draws the version again in one transaction: a failed one leaves nothing behind.
  maxAttempts: 3,
  parse(payload) {
    const reportId = (payload as { reportId?: unknown } | null)?.reportId;
    if (typeof reportId !== 'string') throw badInput('reportId', 'reportId is required');
    return { reportId: validate.id('reportId', reportId) };
  },
  async run(ctx, { reportId }, { services, lastAttempt }) {
    try {
      await services.reports.build(ctx, reportId);
    } catch (error) {
      // A refusal, or any failure on the last attempt, is final: say so rather than leave it BUILDING.
      const refused = error instanceof DomainError && error.code !== ErrorCode.INTERNAL_SERVER_ERROR;
      if (refused || lastAttempt) await services.reports.markFailed(ctx, reportId);
      throw error;
    }
  },
});
