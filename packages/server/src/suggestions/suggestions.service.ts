import { blindResponseIds } from '../agreement/blind.js';
import { Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { reachSql } from '../access/tenancy.js';
import type { CodingsService } from '../codings/codings.service.js';
import { badInput, notFound } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import type { ResponsesService } from '../responses/responses.service.js';
import type { Theme } from '../themes/theme.entity.js';
import type { ThemesService } from '../themes/themes.service.js';
import { Classifier, trainClassifier, type ClassifierModel } from './classifier.js';
import { clusterTexts } from './clustering.js';
import type { ProvidedSuggestion, SuggestionProvider, SuggestionRequest } from './provider.js';
import type { SuggestionRuns } from './suggestion-runs.js';
import {
  SuggestionRunKind,
  type SuggestionRun,
  type ThemeCandidate,
  type ThemeSuggestion,
  type ThemeSuggestionRejection,
} from './suggestion.types.js';
import { date } from '../db/rows.js';

/** The uncoded responses one grouping looks at: the newest, so the groups describe what is coming in now. */
export const CANDIDATE_RESPONSES = 5_000;
// Progress is written at most this often (a share of the run), not on every step.
const PROGRESS_STEP = 0.05;

interface StoredModel {
  keys: string[];
  shown: string[];
  idf: number[];
  labels: string[];
  bias: number[];
}

/** The local provider: the engagement's newest READY model, loaded once per process and version. */
export class LocalProvider implements SuggestionProvider {
  readonly name = 'local';
  readonly external = false;
  private readonly loaded = new Map<string, { version: number; classifier: Classifier }>();

  constructor(private readonly runs: SuggestionRuns) {}

  async suggest(ctx: RequestContext, request: SuggestionRequest): Promise<ProvidedSuggestion[]> {
    const model = await this.model(ctx);
    if (!model) return [];
    return model.classifier
      .suggest(request.text, { exclude: request.codedThemeIds, allowed: (id) => request.themeIds.has(id) })
      .map((p) => ({ themeId: p.label, score: p.score, words: p.words, modelVersion: model.version }));
  }

  private async model(ctx: RequestContext): Promise<{ version: number; classifier: Classifier } | null> {
    const version = await this.runs.readyModelVersion(ctx);
    if (version === null) return null;
    const cached = this.loaded.get(ctx.engagementId);
    if (cached?.version === version) return cached;
    const [row] = await ctx.query<{ model: StoredModel; weights: Buffer }>(
      `SELECT model, weights FROM suggestion_runs WHERE engagement_id = $1 AND kind = 'MODEL' AND version = $2`,
      [ctx.engagementId, version],
    );
    if (!row) return null;
    const loaded = { version, classifier: new Classifier(fromStored(row.model, row.weights)) };
    this.loaded.set(ctx.engagementId, loaded);
    return loaded;
  }
}

function fromStored(model: StoredModel, weights: Buffer): ClassifierModel {
  // A Buffer may sit at any offset of a shared pool; Float32Array needs its own aligned copy.
  const copy = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return {
    vocabulary: { keys: model.keys, shown: model.shown, idf: model.idf },
    labels: model.labels,
    weights: new Float32Array(copy),
    bias: Float32Array.from(model.bias),
  };
}

/** Writes a run's progress now and then, not on every step. */
function progressWriter(runs: SuggestionRuns, ctx: RequestContext, runId: string, from: number, to: number) {
  let written = -1;
  return async (done: number) => {
    const share = from + (to - from) * done;
    if (share - written < PROGRESS_STEP && done < 1) return;
    written = share;
    await runs.progress(ctx, runId, share);
  };
}

/**
 * Theme suggestions: for a response, themes from a model trained on the engagement's own
 * codings; for the codebook, groups of uncoded responses offered as new themes. Every read and
 * write is of the request's engagement only, so suggestions never cross engagements.
 */
export class SuggestionsService {
  constructor(
    private readonly runs: SuggestionRuns,
    private readonly provider: SuggestionProvider,
    private readonly responses: ResponsesService,
    private readonly themes: ThemesService,
    private readonly codings: CodingsService,
    private readonly useCases: UseCases,
  ) {
    // No redaction step for text leaving the process exists yet (provider.ts).
    if (provider.external)
      throw new Error(`provider "${provider.name}" is external; only local providers are supported`);
  }

  /** Up to three themes for a response it is not yet coded to, most likely first; none before a model is ready. */
  async forResponse(ctx: RequestContext, rawResponseId: string): Promise<ThemeSuggestion[]> {
    ctx.require(Permission.SuggestionRead);
    const response = await this.responses.get(ctx, rawResponseId, 'responseId');
    // A blind second coder sees no suggestions: they would steer them, and omit the themes already coded.
    if (response.text === null || (await blindResponseIds(ctx, [response.id])).size) return [];
    const [coded, themes] = await Promise.all([
      // Themes coded, and themes a coder rejected for it: neither is offered again.
      ctx.query<{ theme_id: string }>(
        `SELECT theme_id FROM codings WHERE response_id = $1 UNION SELECT theme_id FROM suggestion_rejections WHERE response_id = $1`,
        [response.id],
      ),
      ctx.query<{ id: string }>(`SELECT id FROM themes WHERE engagement_id = $1`, [ctx.engagementId]),
    ]);
    return this.provider.suggest(ctx, {
      text: response.text,
      codedThemeIds: coded.map((row) => row.theme_id),
      themeIds: new Set(themes.map((row) => row.id)),
    });
  }

  /**
   * Records that a coder rejected a suggested theme for a response, so it is not suggested for
   * that response again, to anyone in the engagement. Rejecting it twice keeps the first.
   */
  async reject(
    ctx: RequestContext,
    input: { responseId: string; themeId: string; modelVersion: number },
  ): Promise<ThemeSuggestionRejection> {
    return this.useCases.run(ctx, Permission.SuggestionRead, async (tx) => {
      // Only someone who may code may turn a suggestion down.
      tx.require(Permission.CodingEdit);
      const response = await this.responses.get(tx, input.responseId, 'responseId');
      if ((await blindResponseIds(tx, [response.id])).size)
        throw badInput('responseId', 'you are coding this response blind for agreement and see no suggestions');
      const theme = await this.themes.get(tx, input.themeId, 'themeId');
      if (!Number.isInteger(input.modelVersion)) throw badInput('modelVersion', 'must be a whole number');
      await this.runs.requireModelVersion(tx, input.modelVersion, 'modelVersion');
      await tx.query(
        `INSERT INTO suggestion_rejections (response_id, theme_id, model_version, rejected_by_user_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT (response_id, theme_id) DO NOTHING`,
        [response.id, theme.id, input.modelVersion, tx.caller.userId],
      );
      const [row] = await tx.query<{ id: string; model_version: number; rejected_at: unknown }>(
        `SELECT id, model_version, rejected_at FROM suggestion_rejections WHERE response_id = $1 AND theme_id = $2`,
        [response.id, theme.id],
      );
      return audited(
        { id: row!.id, themeId: theme.id, modelVersion: row!.model_version, rejectedAt: date(row!.rejected_at) },
        {
          action: AuditAction.SuggestionRejected,
          entityType: 'response',
          entityId: response.id,
          details: { themeId: theme.id, suggestionModelVersion: input.modelVersion },
        },
      );
    });
  }

  /** Queues training of a new model version (one at a time per engagement). */
  requestModel(ctx: RequestContext): Promise<SuggestionRun> {
    return this.useCases.run(ctx, Permission.SuggestionTrain, async (tx) => ({
      result: await this.runs.queue(tx, SuggestionRunKind.MODEL),
      audit: [],
    }));
  }

  /** Queues a new grouping of the uncoded responses. */
  requestCandidates(ctx: RequestContext): Promise<SuggestionRun> {
    return this.useCases.run(ctx, Permission.SuggestionTrain, async (tx) => ({
      result: await this.runs.queue(tx, SuggestionRunKind.CANDIDATES),
      audit: [],
    }));
  }

  /** Marks a queued (or retried) run RUNNING; false when it already finished, so a repeated job does nothing. */
  private async claim(ctx: RequestContext, runId: string, kind: SuggestionRunKind): Promise<boolean> {
    ctx.require(Permission.SuggestionTrain);
    const [run] = await ctx.query<{ status: string }>(
      `SELECT status FROM suggestion_runs WHERE id = $1 AND engagement_id = $2 AND kind = $3`,
      [runId, ctx.engagementId, kind],
    );
    if (!run) throw notFound('Suggestion run', 'runId');
    if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return false;
    await ctx.query(`UPDATE suggestion_runs SET status = 'RUNNING', progress = 0 WHERE id = $1`, [runId]);
    return true;
  }

  /**
   * The training job: reads every coded response of the engagement and its themes in one
   * snapshot (remembering how many codings there were, to know later when to retrain), trains,
   * and stores the model with its version.
   */
  async train(ctx: RequestContext, runId: string): Promise<void> {
    if (!(await this.claim(ctx, runId, SuggestionRunKind.MODEL))) return;
    const examples = await ctx.transaction(async (tx) => {
      await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
      const params: unknown[] = [tx.engagementId];
      const rows = await tx.query<{ text: string; themes: string[] }>(
        `SELECT r.text, array_agg(DISTINCT c.theme_id::text ORDER BY c.theme_id::text) AS themes
         FROM codings c JOIN themes t ON t.id = c.theme_id
         JOIN responses r ON r.id = c.response_id JOIN sessions s ON s.id = r.session_id
         WHERE t.engagement_id = $1 AND ${reachSql.sessions(tx, 's', params)}
         GROUP BY r.id ORDER BY r.id`,
        params,
      );
      await tx.query(
        `UPDATE suggestion_runs SET started_at = now(), responses_used = $2,
           codings_at_start = (SELECT count(*) FROM codings c JOIN themes t ON t.id = c.theme_id WHERE t.engagement_id = $3)
         WHERE id = $1`,
        [runId, rows.length, tx.engagementId],
      );
      return rows.map((row) => ({ text: row.text, labels: row.themes }));
    });
    if (!examples.length) throw badInput('runId', 'there are no codings to learn from yet');
    const model = await trainClassifier(examples, {
      onProgress: progressWriter(this.runs, ctx, runId, 0.05, 0.95),
    });
    const stored: StoredModel = {
      keys: model.vocabulary.keys,
      shown: model.vocabulary.shown,
      idf: model.vocabulary.idf,
      labels: model.labels,
      bias: [...model.bias],
    };
    await ctx.query(
      `UPDATE suggestion_runs SET status = 'READY', progress = 1, finished_at = now(), labels = $2, model = $3, weights = $4
       WHERE id = $1 AND status = 'RUNNING'`,
      [runId, model.labels.length, JSON.stringify(stored), Buffer.from(model.weights.buffer)],
    );
  }

  /** The grouping job: the newest uncoded responses, grouped, each group stored as a candidate theme. */
  async findCandidates(ctx: RequestContext, runId: string): Promise<void> {
    if (!(await this.claim(ctx, runId, SuggestionRunKind.CANDIDATES))) return;
    const params: unknown[] = [CANDIDATE_RESPONSES];
    const items = await ctx.query<{ id: string; text: string }>(
      `SELECT r.id, r.text FROM responses r JOIN sessions s ON s.id = r.session_id
       WHERE ${reachSql.sessions(ctx, 's', params)} AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id)
       ORDER BY r.created_at DESC, r.id DESC LIMIT $1`,
      params,
    );
    const clusters = await clusterTexts(items, { onProgress: progressWriter(this.runs, ctx, runId, 0.05, 0.95) });
    await ctx.transaction(async (tx) => {
      if (clusters.length) {
        await tx.query(
          `INSERT INTO theme_candidates (run_id, position, size, keyphrases, example_response_ids)
           SELECT $1, c.position, c.size, ARRAY(SELECT jsonb_array_elements_text(c.keyphrases)),
                  ARRAY(SELECT jsonb_array_elements_text(c.examples)::uuid)
           FROM jsonb_to_recordset($2::jsonb) AS c(position int, size int, keyphrases jsonb, examples jsonb)`,
          [runId, JSON.stringify(clusters.map((c, position) => ({ position, ...c })))],
        );
      }
      await tx.query(
        `UPDATE suggestion_runs SET status = 'READY', progress = 1, finished_at = now(), responses_used = $2
         WHERE id = $1 AND status = 'RUNNING'`,
        [runId, items.length],
      );
    });
  }

  /** The candidate themes of a grouping run, largest first (a run holds at most a dozen). */
  async candidates(ctx: RequestContext, run: SuggestionRun): Promise<ThemeCandidate[]> {
    ctx.require(Permission.SuggestionRead);
    const rows = await ctx.read<{
      id: string;
      size: number;
      keyphrases: string[];
      example_response_ids: string[];
      theme_id: string | null;
    }>(
      `SELECT k.id, k.size, k.keyphrases, k.example_response_ids, k.theme_id
       FROM theme_candidates k JOIN suggestion_runs r ON r.id = k.run_id
       WHERE k.run_id = $1 AND r.engagement_id = $2 ORDER BY k.position`,
      [run.id, ctx.engagementId],
    );
    return rows.map((row) => ({
      id: row.id,
      size: row.size,
      keyphrases: row.keyphrases,
      exampleResponseIds: row.example_response_ids,
      themeId: row.theme_id,
    }));
  }

  /**
   * Makes a candidate a theme in one step, in one transaction: creates the theme and, when asked
   * (and allowed to code), codes the candidate's examples that still exist to it.
   */
  async createFromCandidate(
    ctx: RequestContext,
    input: {
      candidateId: string;
      name: string;
      description?: string | null;
      parentId?: string | null;
      codeExamples: boolean;
    },
  ): Promise<Theme> {
    return this.useCases.run(ctx, Permission.CodebookEdit, async (tx) => {
      if (input.codeExamples) tx.require(Permission.CodingEdit);
      const candidateId = validate.id('candidateId', input.candidateId);
      const [candidate] = await tx.query<{ example_response_ids: string[]; theme_id: string | null }>(
        `SELECT k.example_response_ids, k.theme_id FROM theme_candidates k JOIN suggestion_runs r ON r.id = k.run_id
         WHERE k.id = $1 AND r.engagement_id = $2 FOR UPDATE OF k`,
        [candidateId, tx.engagementId],
      );
      if (!candidate) throw notFound('Theme candidate', 'candidateId');
      if (candidate.theme_id !== null) throw badInput('candidateId', 'this candidate is already a theme');
      const theme = await this.themes.create(tx, {
        name: input.name,
        description: input.description,
        parentId: input.parentId,
      });
      await tx.query(`UPDATE theme_candidates SET theme_id = $2 WHERE id = $1`, [candidateId, theme.id]);
      if (input.codeExamples) {
        const present = await this.responses.findByIds(tx, candidate.example_response_ids);
        for (const response of present) await this.codings.code(tx, { responseId: response.id, themeId: theme.id });
      }
      return { result: theme, audit: [] };
    });
  }
}
