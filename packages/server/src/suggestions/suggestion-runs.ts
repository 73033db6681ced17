import { Permission } from '@chorus/shared';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../db/request-context.js';
import { date } from '../db/rows.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { findThemeCandidatesTask, trainSuggestionModelTask } from './suggestion.tasks.js';
import { SuggestionRunKind, type SuggestionRunStatus, type SuggestionRun } from './suggestion.types.js';

/** A model is retrained once this many codings changed since it read them, or this share of them, whichever first. */
export const RETRAIN_AFTER_CHANGES = 50;
export const RETRAIN_AFTER_SHARE = 0.05;
/** Below this many codings there is nothing worth learning from; no model is trained on its own. */
export const MIN_CODINGS_TO_TRAIN = 20;

interface RunRow extends Record<string, unknown> {
  id: string;
  kind: SuggestionRunKind;
  version: number;
  status: SuggestionRunStatus;
  progress: number;
  responses_used: number | null;
  labels: number | null;
  codings_at_start: number | null;
  started_at: unknown;
  created_at: unknown;
  finished_at: unknown;
  requested_by_user_id: string | null;
}

export const RUN_COLUMNS = `id, kind, version, status, progress, responses_used, labels, codings_at_start, started_at, created_at,
  finished_at, requested_by_user_id`;

export const toRun = (row: RunRow): SuggestionRun => ({
  id: row.id,
  kind: row.kind,
  version: row.version,
  status: row.status,
  progress: row.progress,
  responsesUsed: row.responses_used,
  themes: row.labels,
  codingsUsed: row.codings_at_start,
  startedAt: row.started_at === null ? null : date(row.started_at),
  createdAt: date(row.created_at),
  finishedAt: row.finished_at === null ? null : date(row.finished_at),
  requestedByUserId: row.requested_by_user_id,
});

/**
 * The numbered runs of the suggestion jobs: queuing one (at most one waiting or running per
 * kind), reporting progress, and deciding when the codings have changed enough to retrain.
 * Codings and suggestions both use it; it knows nothing of how models are made.
 */
export class SuggestionRuns {
  constructor(private readonly jobs: JobQueue) {}

  /** The newest run of a kind, whatever its status; null before the first. */
  async latest(ctx: RequestContext, kind: SuggestionRunKind): Promise<SuggestionRun | null> {
    ctx.require(Permission.SuggestionRead);
    const [row] = await ctx.read<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM suggestion_runs WHERE engagement_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1`,
      [ctx.engagementId, kind],
    );
    return row ? toRun(row) : null;
  }

  /** The newest READY model, the one suggesting themes; null before the first. */
  async readyModel(ctx: RequestContext): Promise<SuggestionRun | null> {
    ctx.require(Permission.SuggestionRead);
    const [row] = await ctx.read<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM suggestion_runs WHERE engagement_id = $1 AND kind = 'MODEL' AND status = 'READY'
       ORDER BY version DESC LIMIT 1`,
      [ctx.engagementId],
    );
    return row ? toRun(row) : null;
  }

  /**
   * How many codings changed since `model` read them: added since, plus removed since (what was
   * there, plus added, minus what is there now); with no model, every coding there is.
   */
  async codingsChangedSince(ctx: RequestContext, model: SuggestionRun | null): Promise<number> {
    const [row] = await ctx.query<{ added: number; total: number }>(
      `SELECT count(*) FILTER (WHERE c.created_at > $2)::int AS added, count(*)::int AS total
       FROM codings c JOIN themes t ON t.id = c.theme_id WHERE t.engagement_id = $1`,
      [ctx.engagementId, model?.startedAt ?? null],
    );
    const before = model?.codingsUsed ?? null;
    return before === null ? row!.total : row!.added + (before + row!.added - row!.total);
  }

  /** The version of the newest READY model, or null. */
  async readyModelVersion(ctx: RequestContext): Promise<number | null> {
    const [row] = await ctx.query<{ version: number }>(
      `SELECT version FROM suggestion_runs WHERE engagement_id = $1 AND kind = 'MODEL' AND status = 'READY'
       ORDER BY version DESC LIMIT 1`,
      [ctx.engagementId],
    );
    return row?.version ?? null;
  }

  /** Refuses a model version this engagement never had ready (a coding must name a real one). */
  async requireModelVersion(ctx: RequestContext, version: number, field: string): Promise<void> {
    const [row] = await ctx.query(
      `SELECT 1 FROM suggestion_runs WHERE engagement_id = $1 AND kind = 'MODEL' AND status = 'READY' AND version = $2`,
      [ctx.engagementId, version],
    );
    if (!row) throw badInput(field, `there is no suggestion model version ${version} in this engagement`);
  }

  /**
   * Queues a run of `kind` in `tx`, numbered next; a run already waiting or running is returned
   * instead, so asking twice starts one job.
   */
  async queue(tx: RequestContext, kind: SuggestionRunKind): Promise<SuggestionRun> {
    tx.require(Permission.SuggestionTrain);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:suggestion-run'), hashtext($1::text))`, [
      `${tx.engagementId}:${kind}`,
    ]);
    const [pending] = await tx.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM suggestion_runs
       WHERE engagement_id = $1 AND kind = $2 AND status IN ('QUEUED','RUNNING') ORDER BY version DESC LIMIT 1`,
      [tx.engagementId, kind],
    );
    if (pending) return toRun(pending);
    const [row] = await tx.query<RunRow>(
      `INSERT INTO suggestion_runs (engagement_id, kind, version, status, requested_by_user_id)
       SELECT $1, $2, coalesce(max(version), 0) + 1, 'QUEUED', $3 FROM suggestion_runs WHERE engagement_id = $1 AND kind = $2
       RETURNING ${RUN_COLUMNS}`,
      [tx.engagementId, kind, tx.caller.userId],
    );
    const task = kind === SuggestionRunKind.MODEL ? trainSuggestionModelTask : findThemeCandidatesTask;
    await this.jobs.enqueue(tx, task, { runId: row!.id });
    return toRun(row!);
  }

  /**
   * Queues retraining in `tx` when the codings changed enough since the newest model read them
   * (added since, plus removed since: what was there, plus added, minus what is there now), or
   * when there is no model yet and enough codings to learn from. Callers who may not train leave it.
   */
  async retrainIfStale(tx: RequestContext): Promise<void> {
    if (!tx.caller.can(Permission.SuggestionTrain)) return;
    const [pending] = await tx.query(
      `SELECT 1 FROM suggestion_runs WHERE engagement_id = $1 AND kind = 'MODEL' AND status IN ('QUEUED','RUNNING')`,
      [tx.engagementId],
    );
    if (pending) return;
    const model = await this.readyModel(tx);
    const changes = await this.codingsChangedSince(tx, model);
    const stale =
      model?.codingsUsed === null || model?.codingsUsed === undefined
        ? changes >= MIN_CODINGS_TO_TRAIN
        : changedEnough(model.codingsUsed, changes);
    if (stale) await this.queue(tx, SuggestionRunKind.MODEL);
  }

  /** Records a run's share done; a run that is no longer RUNNING is left alone. */
  async progress(ctx: RequestContext, runId: string, done: number): Promise<void> {
    await ctx.query(`UPDATE suggestion_runs SET progress = $2 WHERE id = $1 AND status = 'RUNNING'`, [
      runId,
      Math.min(1, Math.max(0, done)),
    ]);
  }

  /** A run that cannot finish: it keeps its number, FAILED, holding nothing. */
  async markFailed(ctx: RequestContext, runId: string): Promise<void> {
    await ctx.query(
      `UPDATE suggestion_runs SET status = 'FAILED', finished_at = now() WHERE id = $1 AND status IN ('QUEUED','RUNNING')`,
      [runId],
    );
  }
}

/** Whether `changes` codings out of `before` are enough to retrain. */
export function changedEnough(before: number, changes: number): boolean {
  return changes >= RETRAIN_AFTER_CHANGES || changes >= Math.max(1, RETRAIN_AFTER_SHARE * before);
}
