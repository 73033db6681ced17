import { badInput } from '../common/errors.js';
import { defineTask } from '../jobs/task.js';

/**
 * Checks the earlier responses against a newly saved safeguarding rule set, so a phrase added
 * today flags what was said last month too. Queued by the save, as the lead who saved it.
 */
export const rescanTask = defineTask<{ version: number }>({
  name: 'safeguarding.rescan',
  maxAttempts: 5,
  parse(payload) {
    const version = (payload as { version?: unknown } | null)?.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw badInput('version', 'version must be a saved rule-set version (1 or more)');
    }
    return { version };
  },
  async run(ctx, { version }, { services }) {
    await services.safeguardingRules.rescan(ctx, version);
  },
});
