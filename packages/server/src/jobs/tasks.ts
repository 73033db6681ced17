import { buildReleaseTask } from '../releases/build-release.task.js';
import { buildReportTask } from '../reports/build-report.task.js';
import { scheduledReleaseTask } from '../releases/scheduled-release.task.js';
import { runImportTask } from '../imports/run-import.task.js';
import { applyRetentionTask } from '../retention/retention.task.js';
import { rescanTask } from '../safeguarding/rescan.task.js';
import { findThemeCandidatesTask, trainSuggestionModelTask } from '../suggestions/suggestion.tasks.js';
import type { Task } from './task.js';

/**
 * Every task this build of Chorus runs, in the server (CHORUS_JOBS=inline) and in `pnpm worker`.
 * Exports, imports and reports add theirs here; a job whose task is not listed waits, untouched,
 * for a runner that knows it.
 */
export const JOB_TASKS: readonly Task<unknown>[] = [
  buildReleaseTask,
  scheduledReleaseTask,
  applyRetentionTask,
  rescanTask,
  buildReportTask,
  trainSuggestionModelTask,
  findThemeCandidatesTask,
  runImportTask,
];
