import { badInput } from '../common/errors';
import { defineTask } from '../jobs/task';

function parseName(payload: unknown): { name: string } {
  const name = (payload as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name.length === 0) throw badInput('name', 'is required');
  return { name };
}

/** Adds an area through AreasService, as the createArea mutation does: it needs area.manage (admins). */
export const createAreaTask = defineTask({
  name: 'test.createArea',
  parse: parseName,
  async run(ctx, { name }, { services }) {
    await services.areas.create(ctx, { name, population: null });
  },
});

/** Fails with a transient error (a lost connection, say) until it has been tried `failures` times. */
export const flakyTask = defineTask({
  name: 'test.flaky',
  maxAttempts: 3,
  parse: (payload) => {
    const { name, failures } = payload as { name: string; failures: number };
    return { name, failures };
  },
  async run(ctx, { name, failures }, { services }) {
    await ctx.query(`CREATE TABLE IF NOT EXISTS test_job_attempts (name text NOT NULL)`);
    await ctx.query(`INSERT INTO test_job_attempts (name) VALUES ($1)`, [name]);
    const [row] = await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM test_job_attempts WHERE name = $1`, [
      name,
    ]);
    // count(*) always answers one row.
    if (row!.n <= failures) throw new Error(`connection lost while working on ${name}`);
    await services.areas.create(ctx, { name, population: null });
  },
});

export const TEST_TASKS = [createAreaTask, flakyTask];
