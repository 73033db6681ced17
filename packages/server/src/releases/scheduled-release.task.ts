import { ErrorCode } from '@chorus/shared';
import { badInput, DomainError } from '../common/errors.js';
import { defineTask } from '../jobs/task.js';

/** The release schedule's run for one due time; it queues the next one. */
export const scheduledReleaseTask = defineTask<{ dueAt: string }>({
  name: 'releases.scheduled',
  maxAttempts: 3,
  parse(payload) {
    const dueAt = (payload as { dueAt?: unknown } | null)?.dueAt;
    const parsed = typeof dueAt === 'string' || dueAt instanceof Date ? new Date(dueAt) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) throw badInput('dueAt', 'dueAt must be a date and time');
    return { dueAt: parsed.toISOString() };
  },
  async run(ctx, { dueAt }, { services, lastAttempt }) {
    try {
      await services.releaseSchedule.run(ctx, new Date(dueAt));
    } catch (error) {
      const refused = error instanceof DomainError && error.code !== ErrorCode.INTERNAL_SERVER_ERROR;
      if (refused || lastAttempt) await services.releaseSchedule.markFailed(ctx, new Date(dueAt));
      throw error;
    }
  },
});
