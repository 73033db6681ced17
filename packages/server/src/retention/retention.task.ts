import { badInput } from '../common/errors.js';
import { defineTask } from '../jobs/task.js';
import { validRetentionDate } from './retention.service.js';

/**
 * Deletes contact details and special-category data once the engagement's retention date has
 * passed. Queued, as Chorus itself, for the day after the date whenever the date is set, so it
 * runs even if the admin who set it has left.
 */
export const applyRetentionTask = defineTask<{ retentionDate: string }>({
  name: 'retention.apply',
  maxAttempts: 5,
  parse(payload) {
    const retentionDate = (payload as { retentionDate?: unknown } | null)?.retentionDate;
    if (typeof retentionDate !== 'string') throw badInput('retentionDate', 'retentionDate is required');
    return { retentionDate: validRetentionDate(retentionDate) };
  },
  async run(ctx, { retentionDate }, { services }) {
    await services.retention.apply(ctx, retentionDate);
  },
});
