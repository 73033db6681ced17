import { JOB_TASKS } from './jobs/tasks.js';
import { runWorkerProcess } from './jobs/worker-process.js';

runWorkerProcess(JOB_TASKS).catch((error) => {
  console.error(error);
  process.exit(1);
});
