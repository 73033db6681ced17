// `pnpm worker`'s entry, serving the test tasks: spawned by jobs.test.ts as its own process.
import { runWorkerProcess } from '../jobs/worker-process';
import { TEST_TASKS } from './job-tasks';

runWorkerProcess(TEST_TASKS).catch((error) => {
  console.error(error);
  process.exit(1);
});
