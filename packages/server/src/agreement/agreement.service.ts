import { randomInt } from 'node:crypto';
import { hasPermission, Permission, type Prompt, type Role } from '@chorus/shared';
import { reachableIds, reachSql } from '../access/tenancy.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import { pageOf, pageSize, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { date } from '../db/rows.js';
import type { ThemesService } from '../themes/themes.service.js';
import { drawSample, MAX_SEED, type FrameRow } from './sample.js';
import { cohenKappa, krippendorffAlphaNominal, type Code } from './statistics.js';

export enum AgreementMethod {
  COHEN_KAPPA = 'COHEN_KAPPA',
  KRIPPENDORFF_ALPHA = 'KRIPPENDORFF_ALPHA',
}

export enum AssignmentStatus {
  OPEN = 'OPEN',
  SUBMITTED = 'SUBMITTED',
}

export enum ReviewStatus {
  UNSETTLED = 'UNSETTLED',
  SETTLED = 'SETTLED',
}

export enum CodingKind {
  ORIGINAL = 'ORIGINAL',
  BLIND = 'BLIND',
}

export interface AgreementSample {
  id: string;
  percentage: number;
  seed: number;
  drawnAt: Date;
  drawnBy: string | null;
  items: number;
  coders: string[];
  blindCodings: number;
  blindCodingsSubmitted: number;
  settled: number;
}

/** A sampled response as a blind coder sees it: its words, never its codings. */
export interface BlindResponse {
  id: string;
  prompt: Prompt;
  text: string;
  language: string;
}

export interface BlindAssignment {
  id: string;
  status: AssignmentStatus;
  submittedAt: Date | null;
  /** The coder's own themes, once submitted. */
  themeIds: string[];
  response: BlindResponse;
}

export interface ReviewCoding {
  assignmentId: string;
  kind: CodingKind;
  coder: string | null;
  themeIds: string[];
}

export interface ReviewItem {
  id: string;
  response: BlindResponse;
  codings: ReviewCoding[];
  /** The themes some coders gave and others did not. */
  disagreedThemeIds: string[];
  settledAt: Date | null;
  settledBy: string | null;
  settledThemeIds: string[];
}

export interface ThemeAgreement {
  themeId: string;
  /** The theme's name, as the board report prints it. */
  themeName: string;
  method: AgreementMethod;
  /** Null when undefined: every coder gave the same answer on every item (no variation to agree on). */
  value: number | null;
  items: number;
  /** Items on which every coder gave the same answer for this theme. */
  agreedItems: number;
}

export interface AgreementFigures {
  method: AgreementMethod;
  /** Over every (item, theme) decision pooled; null when undefined or with no item. */
  value: number | null;
  /** Sampled responses with at least two submitted codings. */
  items: number;
  /** The most codings any one item has (2: an original and one blind coding). */
  coders: number;
  /** Items whose codings differ, and how many of those are settled. */
  disagreements: number;
  settled: number;
  themes: ThemeAgreement[];
}

const MAX_CODERS = 10;
const MAX_THEMES = 50;
const SAMPLES_SCOPE = 'agreement_samples created_at DESC';
const ASSIGNMENTS_SCOPE = 'agreement_assignments id';
const REVIEW_SCOPE = 'agreement_items id';

type ResponseRow = { response_id: string; prompt: Prompt; text: string; language: string };
const toResponse = (row: ResponseRow): BlindResponse => ({
  id: row.response_id,
  prompt: row.prompt,
  text: row.text,
  language: row.language,
});

/**
 * Agreement between coders: a coordinator draws a stratified sample of coded responses and
 * assigns further coders, who code them blind (their codings kept apart from the response's);
 * kappa or alpha per theme and overall; and a review where the coders settle each
 * disagreement, the settled coding becoming the response's while both originals stay here.
 */
export class AgreementService {
  constructor(
    private readonly themes: ThemesService,
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  /** Draws `percentage` of the coded responses of each prompt (not sampled before) and assigns `coderIds` to code them blind. */
  draw(
    ctx: RequestContext,
    input: { percentage: number; seed?: number | null; coderIds: readonly string[] },
  ): Promise<AgreementSample> {
    ctx.require(Permission.AgreementManage);
    if (!Number.isFinite(input.percentage) || input.percentage <= 0 || input.percentage > 100) {
      throw badInput('percentage', 'percentage must be more than 0 and at most 100');
    }
    const percentage = Math.round(input.percentage * 100) / 100;
    const seed = input.seed ?? randomInt(0, MAX_SEED);
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw badInput('seed', `seed must be a whole number from 0 to ${MAX_SEED}`);
    }
    if (!input.coderIds.length) throw badInput('coderIds', 'name at least one coder to code the sample blind');
    if (input.coderIds.length > MAX_CODERS) throw badInput('coderIds', `name at most ${MAX_CODERS} coders`);
    const coderIds = validate.distinct(
      'coderIds',
      input.coderIds.map((id, i) => validate.id(`coderIds.${i}`, id)),
    );
    return this.useCases.run(ctx, Permission.AgreementManage, async (tx) => {
      const users = await tx.query<{ id: string; role: Role; disabled_at: unknown }>(
        `SELECT id, role, disabled_at FROM users WHERE id = ANY($1::uuid[])`,
        [coderIds],
      );
      coderIds.forEach((id, i) => {
        const user = users.find((row) => row.id === id);
        if (!user) throw badInput(`coderIds.${i}`, 'is not a user');
        if (user.disabled_at !== null) throw badInput(`coderIds.${i}`, 'this user is disabled');
        if (!hasPermission(user.role, Permission.AgreementCode)) {
          throw badInput(`coderIds.${i}`, 'this user does not code responses');
        }
      });
      // One draw at a time per engagement, so two draws never take the same response.
      await tx.query(`SELECT 1 FROM engagements WHERE id = $1 FOR UPDATE`, [tx.engagementId]);
      const params: unknown[] = [coderIds];
      const frame = await tx.query<FrameRow>(
        `SELECT r.id, r.prompt FROM responses r JOIN sessions s ON s.id = r.session_id
         WHERE ${reachSql.sessions(tx, 's', params)}
           AND EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM agreement_items i WHERE i.response_id = r.id)
           -- someone named has not coded it already, so it gets at least one blind coding
           AND EXISTS (SELECT 1 FROM unnest($1::uuid[]) AS coder(id) WHERE NOT EXISTS (
             SELECT 1 FROM codings c WHERE c.response_id = r.id AND c.coder_user_id = coder.id))`,
        params,
      );
      if (!frame.length) {
        throw badInput('percentage', 'there is no coded response left to sample that these coders have not coded');
      }
      const chosen = drawSample(frame, percentage, seed);
      const [sample] = await tx.query<{ id: string }>(
        `INSERT INTO agreement_samples (engagement_id, percentage, seed, drawn_by_user_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [tx.engagementId, percentage, seed, tx.caller.userId],
      );
      const sampleId = sample!.id;
      // Locked as they are taken: a response erased since the frame was read is left out, not an
      // error, and an erasure from now on waits for the draw (and then takes its items with it).
      const items = await tx.query<{ id: string }>(
        `INSERT INTO agreement_items (sample_id, response_id)
         SELECT $1, r.id FROM responses r WHERE r.id = ANY($2::uuid[]) FOR KEY SHARE OF r RETURNING id`,
        [sampleId, chosen],
      );
      // The coding each response has now is kept as the original: its coder is whoever coded most of it.
      await tx.query(
        `INSERT INTO agreement_assignments (item_id, kind, coder_user_id, submitted_at)
         SELECT i.id, 'ORIGINAL', (SELECT c.coder_user_id FROM codings c WHERE c.response_id = i.response_id
           GROUP BY c.coder_user_id ORDER BY count(*) DESC, min(c.created_at) LIMIT 1), now()
         FROM agreement_items i WHERE i.sample_id = $1`,
        [sampleId],
      );
      await tx.query(
        `INSERT INTO agreement_assignment_themes (assignment_id, theme_id)
         SELECT DISTINCT a.id, c.theme_id FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id
         JOIN codings c ON c.response_id = i.response_id WHERE i.sample_id = $1 AND a.kind = 'ORIGINAL'`,
        [sampleId],
      );
      await tx.query(
        `INSERT INTO agreement_assignments (item_id, kind, coder_user_id)
         SELECT i.id, 'BLIND', coder.id FROM agreement_items i CROSS JOIN unnest($2::uuid[]) AS coder(id)
         WHERE i.sample_id = $1
           AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.response_id = i.response_id AND c.coder_user_id = coder.id)`,
        [sampleId, coderIds],
      );
      return audited(await this.loadSample(tx, sampleId), {
        action: AuditAction.AgreementSampleDrawn,
        entityType: 'agreement_sample',
        entityId: sampleId,
        details: { percentage, seed, items: items.length, coders: coderIds.length },
      });
    });
  }

  /** The samples drawn, newest first. */
  async samples(ctx: RequestContext, page: PageArgs): Promise<Page<AgreementSample>> {
    ctx.require(Permission.AgreementManage);
    const first = pageSize(page.first);
    const params: unknown[] = [ctx.engagementId];
    let where = 's.engagement_id = $1';
    if (page.after) {
      const [at, id] = this.cursors.decode(SAMPLES_SCOPE, page.after);
      where += ` AND (s.created_at, s.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`;
    }
    const ids = await ctx.read<{ id: string }>(
      `SELECT s.id FROM agreement_samples s WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT ${first + 1}`,
      params,
    );
    const samples = await this.loadSamples(
      ctx,
      ids.map((row) => row.id),
    );
    return pageOf(
      samples,
      first,
      page,
      (sample) => this.cursors.encode(SAMPLES_SCOPE, sample.drawnAt.toISOString(), sample.id),
      async () =>
        (
          await ctx.read<{ n: number }>(`SELECT count(*)::int AS n FROM agreement_samples WHERE engagement_id = $1`, [
            ctx.engagementId,
          ])
        )[0]!.n,
    );
  }

  /** The caller's own blind assignments (their queue), oldest first: open ones unless asked for SUBMITTED. */
  async myAssignments(
    ctx: RequestContext,
    status: AssignmentStatus | null | undefined,
    page: PageArgs,
  ): Promise<Page<BlindAssignment>> {
    ctx.require(Permission.AgreementCode);
    const params: unknown[] = [ctx.caller.userId, ctx.engagementId];
    const conditions = [
      `a.coder_user_id = $1`,
      `a.kind = 'BLIND'`,
      `sa.engagement_id = $2`,
      status === AssignmentStatus.SUBMITTED ? 'a.submitted_at IS NOT NULL' : 'a.submitted_at IS NULL',
      reachSql.sessions(ctx, 's', params),
    ];
    const from = `agreement_assignments a JOIN agreement_items i ON i.id = a.item_id
      JOIN agreement_samples sa ON sa.id = i.sample_id JOIN responses r ON r.id = i.response_id
      JOIN sessions s ON s.id = r.session_id`;
    return this.idPage(
      ctx,
      page,
      ASSIGNMENTS_SCOPE,
      'a.id',
      from,
      conditions,
      params,
      async (fromWhere, pageParams, limit) => {
        const rows = await ctx.read<ResponseRow & { id: string; submitted_at: unknown; theme_ids: string[] }>(
          `SELECT a.id, a.submitted_at, r.id AS response_id, r.prompt, r.text, r.language,
           ARRAY(SELECT t.theme_id FROM agreement_assignment_themes t WHERE t.assignment_id = a.id ORDER BY t.theme_id) AS theme_ids
         FROM ${fromWhere} ORDER BY a.id LIMIT ${limit}`,
          pageParams,
        );
        return rows.map((row) => ({
          id: row.id,
          status: row.submitted_at === null ? AssignmentStatus.OPEN : AssignmentStatus.SUBMITTED,
          submittedAt: row.submitted_at === null ? null : date(row.submitted_at),
          themeIds: row.theme_ids,
          response: toResponse(row),
        }));
      },
    );
  }

  /** Submits the caller's blind coding of a sampled response: the themes that apply (none is an answer). Final once made. */
  submit(ctx: RequestContext, rawAssignmentId: string, rawThemeIds: readonly string[]): Promise<BlindAssignment> {
    ctx.require(Permission.AgreementCode);
    const assignmentId = validate.id('assignmentId', rawAssignmentId);
    const themeIds = this.themeIdsOf(rawThemeIds);
    return this.useCases.run(ctx, Permission.AgreementCode, async (tx) => {
      const [row] = await tx.query<{ id: string; submitted_at: unknown; response_id: string; item_id: string }>(
        `SELECT a.id, a.submitted_at, i.response_id, i.id AS item_id FROM agreement_assignments a
         JOIN agreement_items i ON i.id = a.item_id JOIN agreement_samples sa ON sa.id = i.sample_id
         WHERE a.id = $1 AND a.kind = 'BLIND' AND a.coder_user_id = $2 AND sa.engagement_id = $3 FOR UPDATE OF a`,
        [assignmentId, tx.caller.userId, tx.engagementId],
      );
      // Someone else's assignment is as absent as one that does not exist.
      if (!row || !(await reachableIds(tx, 'responses', [row.response_id])).length) {
        throw notFound('AgreementAssignment', 'assignmentId');
      }
      if (row.submitted_at !== null) {
        throw badInput('assignmentId', 'this blind coding is already submitted; blind codings are final');
      }
      await this.checkThemes(tx, themeIds);
      await tx.query(
        `INSERT INTO agreement_assignment_themes (assignment_id, theme_id) SELECT $1, unnest($2::uuid[])`,
        [row.id, themeIds],
      );
      await tx.query(`UPDATE agreement_assignments SET submitted_at = now() WHERE id = $1`, [row.id]);
      return audited(await this.submittedAssignment(tx, row.id), {
        action: AuditAction.AgreementCodingSubmitted,
        entityType: 'response',
        entityId: row.response_id,
        details: { itemId: row.item_id, themes: themeIds.length },
      });
    });
  }

  /**
   * Sampled responses whose codings differ, once every coder has submitted (UNSETTLED, the
   * default), or every item settled (SETTLED): all of them for a coordinator, those the caller
   * coded for a coder.
   */
  async review(
    ctx: RequestContext,
    filter: { sampleId?: string | null; status?: ReviewStatus | null } | null | undefined,
    page: PageArgs,
  ): Promise<Page<ReviewItem>> {
    ctx.require(Permission.AgreementCode);
    const params: unknown[] = [ctx.engagementId];
    // A settled item stays in the record even when a later theme merge makes its codings agree.
    const settled = filter?.status === ReviewStatus.SETTLED;
    const conditions = [
      'sa.engagement_id = $1',
      settled ? 'i.settled_at IS NOT NULL' : `i.settled_at IS NULL AND i.id IN (${DISAGREEING_ITEMS})`,
      reachSql.sessions(ctx, 's', params),
    ];
    if (filter?.sampleId)
      conditions.push(`i.sample_id = $${params.push(validate.id('filter.sampleId', filter.sampleId))}`);
    if (!ctx.caller.can(Permission.AgreementManage)) {
      conditions.push(
        `EXISTS (SELECT 1 FROM agreement_assignments mine WHERE mine.item_id = i.id AND mine.coder_user_id = $${params.push(ctx.caller.userId)})`,
      );
    }
    const from = `agreement_items i JOIN agreement_samples sa ON sa.id = i.sample_id
      JOIN responses r ON r.id = i.response_id JOIN sessions s ON s.id = r.session_id`;
    return this.idPage(ctx, page, REVIEW_SCOPE, 'i.id', from, conditions, params, (fromWhere, pageParams, limit) =>
      this.reviewItems(ctx, fromWhere, pageParams, limit),
    );
  }

  /**
   * Settles a disagreement: `themeIds` become the response's coding (whole-response codings
   * added, codings of other themes removed), and both original codings stay with the item.
   * For the item's coders (and coordinators), once every coder has submitted.
   */
  settle(ctx: RequestContext, rawItemId: string, rawThemeIds: readonly string[]): Promise<ReviewItem> {
    ctx.require(Permission.AgreementCode);
    const itemId = validate.id('itemId', rawItemId);
    const themeIds = this.themeIdsOf(rawThemeIds);
    return this.useCases.run(ctx, Permission.AgreementCode, async (tx) => {
      // The response before the item, the order an erasure deletes them in, so the two never wait
      // on each other: an erasure under way leaves this nothing to settle, a later one waits.
      await tx.query(
        `SELECT 1 FROM responses WHERE id = (SELECT response_id FROM agreement_items WHERE id = $1) FOR KEY SHARE`,
        [itemId],
      );
      const [item] = await tx.query<{ id: string; response_id: string; settled_at: unknown }>(
        `SELECT i.id, i.response_id, i.settled_at FROM agreement_items i JOIN agreement_samples sa ON sa.id = i.sample_id
         WHERE i.id = $1 AND sa.engagement_id = $2 FOR UPDATE OF i`,
        [itemId, tx.engagementId],
      );
      const coded = item
        ? await tx.query(`SELECT 1 FROM agreement_assignments WHERE item_id = $1 AND coder_user_id = $2`, [
            item.id,
            tx.caller.userId,
          ])
        : [];
      const mayReview = tx.caller.can(Permission.AgreementManage) || coded.length > 0;
      if (!item || !mayReview || !(await reachableIds(tx, 'responses', [item.response_id])).length) {
        throw notFound('AgreementItem', 'itemId');
      }
      if (item.settled_at !== null) throw badInput('itemId', 'this disagreement is already settled');
      const codings = (await this.codingsOf(tx, [item.id])).get(item.id) ?? [];
      const [open] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM agreement_assignments WHERE item_id = $1 AND submitted_at IS NULL`,
        [item.id],
      );
      if (open!.n > 0) throw badInput('itemId', 'not every coder has submitted their blind coding yet');
      if (!disagreed(codings.map((coding) => coding.themeIds)).length) {
        throw badInput('itemId', 'the coders agree on this response; there is nothing to settle');
      }
      await this.checkThemes(tx, themeIds);
      await tx.query(`DELETE FROM codings WHERE response_id = $1 AND NOT (theme_id = ANY($2::uuid[]))`, [
        item.response_id,
        themeIds,
      ]);
      await tx.query(
        `INSERT INTO codings (response_id, theme_id, excerpt, coder_user_id)
         SELECT $1, t.id, NULL, $3 FROM unnest($2::uuid[]) AS t(id)
         WHERE NOT EXISTS (SELECT 1 FROM codings c WHERE c.response_id = $1 AND c.theme_id = t.id)`,
        [item.response_id, themeIds, tx.caller.userId],
      );
      await tx.query(`INSERT INTO agreement_settled_themes (item_id, theme_id) SELECT $1, unnest($2::uuid[])`, [
        item.id,
        themeIds,
      ]);
      await tx.query(`UPDATE agreement_items SET settled_at = now(), settled_by_user_id = $2 WHERE id = $1`, [
        item.id,
        tx.caller.userId,
      ]);
      const [settled] = await this.reviewItems(
        tx,
        `agreement_items i JOIN responses r ON r.id = i.response_id WHERE i.id = $1`,
        [item.id],
        1,
      );
      return audited(settled!, {
        action: AuditAction.AgreementItemSettled,
        entityType: 'response',
        entityId: item.response_id,
        details: { itemId: item.id, themes: themeIds.length },
      });
    });
  }

  /**
   * Agreement per theme and overall, for one sample or (without `sampleId`) every sample of the
   * engagement: Cohen's kappa when every item has exactly two codings (the original and one
   * blind), Krippendorff's alpha (nominal) otherwise.
   */
  async figures(ctx: RequestContext, sampleId?: string | null): Promise<AgreementFigures> {
    ctx.require(Permission.AgreementManage);
    return this.measure(ctx, sampleId);
  }

  /**
   * The engagement's agreement over every sample, with theme names, for the board report's methods:
   * its build (report.build) prints this summary without the builder holding agreement.manage,
   * which grants drawing samples and reading them one by one. Read with the builder's own reach.
   * Null when no item has two codings yet (not measured).
   */
  async summaryForReport(tx: RequestContext): Promise<AgreementFigures | null> {
    tx.require(Permission.ReportBuild);
    const figures = await this.measure(tx, null);
    return figures.items ? figures : null;
  }

  private async measure(ctx: RequestContext, sampleId: string | null | undefined): Promise<AgreementFigures> {
    const params: unknown[] = [ctx.engagementId];
    const conditions = ['sa.engagement_id = $1', 'a.submitted_at IS NOT NULL', reachSql.sessions(ctx, 's', params)];
    if (sampleId) conditions.push(`i.sample_id = $${params.push(validate.id('sampleId', sampleId))}`);
    const rows = await ctx.read<{ item_id: string; settled: boolean; theme_ids: string[] }>(
      `SELECT i.id AS item_id, i.settled_at IS NOT NULL AS settled,
         ARRAY(SELECT t.theme_id FROM agreement_assignment_themes t WHERE t.assignment_id = a.id) AS theme_ids
       FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id
       JOIN agreement_samples sa ON sa.id = i.sample_id JOIN responses r ON r.id = i.response_id
       JOIN sessions s ON s.id = r.session_id
       WHERE ${conditions.join(' AND ')} ORDER BY i.id, a.kind DESC, a.id`,
      params,
    );
    const byItem = new Map<string, { settled: boolean; codings: Set<string>[] }>();
    for (const row of rows) {
      const item = byItem.get(row.item_id) ?? { settled: row.settled, codings: [] };
      item.codings.push(new Set(row.theme_ids));
      byItem.set(row.item_id, item);
    }
    // Items with a single coding so far (an open blind assignment) are not pairable yet.
    const items = [...byItem.values()].filter((item) => item.codings.length >= 2);
    const coders = Math.max(0, ...items.map((item) => item.codings.length));
    const twoCoders = items.length > 0 && items.every((item) => item.codings.length === 2);
    const method = twoCoders ? AgreementMethod.COHEN_KAPPA : AgreementMethod.KRIPPENDORFF_ALPHA;
    const statistic = (units: Code[][]) =>
      twoCoders ? cohenKappa(units.map(([a, b]) => [a!, b!] as const)) : krippendorffAlphaNominal(units);
    const themeIds = new Set(items.flatMap((item) => item.codings.flatMap((coding) => [...coding])));
    const themes = await this.themes.findByIds(ctx, [...themeIds]);
    themes.sort((a, b) => a.name.localeCompare(b.name));
    const pooled: Code[][] = [];
    const perTheme = themes.map((theme): ThemeAgreement => {
      const units = items.map((item) => item.codings.map((coding) => coding.has(theme.id)));
      pooled.push(...units);
      return {
        themeId: theme.id,
        themeName: theme.name,
        method,
        value: statistic(units),
        items: units.length,
        agreedItems: units.filter((unit) => unit.every((value) => value === unit[0])).length,
      };
    });
    const disagreeing = items.filter((item) => disagreed(item.codings.map((coding) => [...coding])).length > 0);
    return {
      method,
      value: pooled.length ? statistic(pooled) : null,
      items: items.length,
      coders,
      disagreements: disagreeing.length,
      settled: disagreeing.filter((item) => item.settled).length,
      themes: perTheme,
    };
  }

  /** A page of a list in id order: `read` gets the FROM … WHERE with the cursor's condition added, and a limit. */
  private async idPage<T extends { id: string }>(
    ctx: RequestContext,
    page: PageArgs,
    scope: string,
    idColumn: string,
    from: string,
    conditions: string[],
    params: unknown[],
    read: (fromWhere: string, params: unknown[], limit: number) => Promise<T[]>,
  ): Promise<Page<T>> {
    const first = pageSize(page.first);
    const pageParams = [...params];
    const pageConditions = [...conditions];
    if (page.after) {
      const [id] = this.cursors.decode(scope, page.after);
      pageConditions.push(`${idColumn} > $${pageParams.push(id)}::uuid`);
    }
    const rows = await read(`${from} WHERE ${pageConditions.join(' AND ')}`, pageParams, first + 1);
    const count = async () =>
      (
        await ctx.read<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${from} WHERE ${conditions.join(' AND ')}`,
          params,
        )
      )[0]!.n;
    return pageOf(rows, first, page, (row) => this.cursors.encode(scope, row.id, row.id), count);
  }

  /** Review items read from `fromWhere` (aliases i for the item, r for its response), in item order. */
  private async reviewItems(
    ctx: RequestContext,
    fromWhere: string,
    params: unknown[],
    limit: number,
  ): Promise<ReviewItem[]> {
    const rows = await ctx.read<
      ResponseRow & { id: string; settled_at: unknown; settled_by: string | null; settled_theme_ids: string[] }
    >(
      `SELECT i.id, i.settled_at, (SELECT u.display_name FROM users u WHERE u.id = i.settled_by_user_id) AS settled_by,
         r.id AS response_id, r.prompt, r.text, r.language,
         ARRAY(SELECT st.theme_id FROM agreement_settled_themes st WHERE st.item_id = i.id ORDER BY st.theme_id) AS settled_theme_ids
       FROM ${fromWhere} ORDER BY i.id LIMIT ${limit}`,
      params,
    );
    const codings = await this.codingsOf(
      ctx,
      rows.map((row) => row.id),
    );
    return rows.map((row): ReviewItem => {
      const own = codings.get(row.id) ?? [];
      return {
        id: row.id,
        response: toResponse(row),
        codings: own,
        disagreedThemeIds: disagreed(own.map((coding) => coding.themeIds)),
        settledAt: row.settled_at === null ? null : date(row.settled_at),
        settledBy: row.settled_by,
        settledThemeIds: row.settled_theme_ids,
      };
    });
  }

  private themeIdsOf(rawThemeIds: readonly string[]): string[] {
    if (rawThemeIds.length > MAX_THEMES) throw badInput('themeIds', `name at most ${MAX_THEMES} themes`);
    return validate.distinct(
      'themeIds',
      rawThemeIds.map((id, i) => validate.id(`themeIds.${i}`, id)),
    );
  }

  private async checkThemes(tx: RequestContext, themeIds: string[]): Promise<void> {
    const found = new Set((await this.themes.findByIds(tx, themeIds)).map((theme) => theme.id));
    themeIds.forEach((id, i) => {
      if (!found.has(id)) throw badInput(`themeIds.${i}`, 'is not a theme of this codebook');
    });
  }

  /** Every submitted coding of each item, the original first. */
  private async codingsOf(ctx: RequestContext, itemIds: readonly string[]): Promise<Map<string, ReviewCoding[]>> {
    const rows = await ctx.read<{
      id: string;
      item_id: string;
      kind: CodingKind;
      coder: string | null;
      theme_ids: string[];
    }>(
      `SELECT a.id, a.item_id, a.kind, u.display_name AS coder,
         ARRAY(SELECT t.theme_id FROM agreement_assignment_themes t WHERE t.assignment_id = a.id ORDER BY t.theme_id) AS theme_ids
       FROM agreement_assignments a LEFT JOIN users u ON u.id = a.coder_user_id
       WHERE a.item_id = ANY($1::uuid[]) AND a.submitted_at IS NOT NULL ORDER BY a.item_id, a.kind DESC, a.id`,
      [itemIds],
    );
    const byItem = new Map<string, ReviewCoding[]>();
    for (const row of rows) {
      const list = byItem.get(row.item_id) ?? [];
      list.push({ assignmentId: row.id, kind: row.kind, coder: row.coder, themeIds: row.theme_ids });
      byItem.set(row.item_id, list);
    }
    return byItem;
  }

  private async submittedAssignment(tx: RequestContext, id: string): Promise<BlindAssignment> {
    const [row] = await tx.query<ResponseRow & { id: string; submitted_at: unknown; theme_ids: string[] }>(
      `SELECT a.id, a.submitted_at, r.id AS response_id, r.prompt, r.text, r.language,
         ARRAY(SELECT t.theme_id FROM agreement_assignment_themes t WHERE t.assignment_id = a.id ORDER BY t.theme_id) AS theme_ids
       FROM agreement_assignments a JOIN agreement_items i ON i.id = a.item_id JOIN responses r ON r.id = i.response_id
       WHERE a.id = $1`,
      [id],
    );
    return {
      id: row!.id,
      status: AssignmentStatus.SUBMITTED,
      submittedAt: date(row!.submitted_at),
      themeIds: row!.theme_ids,
      response: toResponse(row!),
    };
  }

  private async loadSample(ctx: RequestContext, id: string): Promise<AgreementSample> {
    return (await this.loadSamples(ctx, [id]))[0]!;
  }

  private async loadSamples(ctx: RequestContext, ids: readonly string[]): Promise<AgreementSample[]> {
    const rows = await ctx.read<{
      id: string;
      percentage: string;
      seed: string;
      created_at: unknown;
      drawn_by: string | null;
      items: number;
      coders: string[];
      blind: number;
      submitted: number;
      settled: number;
    }>(
      `SELECT s.id, s.percentage, s.seed, s.created_at, u.display_name AS drawn_by,
         (SELECT count(*)::int FROM agreement_items i WHERE i.sample_id = s.id) AS items,
         ARRAY(SELECT DISTINCT cu.display_name FROM agreement_items i JOIN agreement_assignments a ON a.item_id = i.id
           JOIN users cu ON cu.id = a.coder_user_id WHERE i.sample_id = s.id AND a.kind = 'BLIND' ORDER BY cu.display_name) AS coders,
         (SELECT count(*)::int FROM agreement_items i JOIN agreement_assignments a ON a.item_id = i.id
           WHERE i.sample_id = s.id AND a.kind = 'BLIND') AS blind,
         (SELECT count(*)::int FROM agreement_items i JOIN agreement_assignments a ON a.item_id = i.id
           WHERE i.sample_id = s.id AND a.kind = 'BLIND' AND a.submitted_at IS NOT NULL) AS submitted,
         (SELECT count(*)::int FROM agreement_items i WHERE i.sample_id = s.id AND i.settled_at IS NOT NULL) AS settled
       FROM agreement_samples s LEFT JOIN users u ON u.id = s.drawn_by_user_id
       WHERE s.id = ANY($1::uuid[]) AND s.engagement_id = $2 ORDER BY s.created_at DESC, s.id DESC`,
      [ids, ctx.engagementId],
    );
    return rows.map((row) => ({
      id: row.id,
      percentage: Number(row.percentage),
      seed: Number(row.seed),
      drawnAt: date(row.created_at),
      drawnBy: row.drawn_by,
      items: row.items,
      coders: row.coders,
      blindCodings: row.blind,
      blindCodingsSubmitted: row.submitted,
      settled: row.settled,
    }));
  }
}

/** Items every coder has submitted whose codings are not all the same set of themes. */
const DISAGREEING_ITEMS = `SELECT k.item_id FROM (
    SELECT a.item_id, a.submitted_at,
      coalesce((SELECT string_agg(t.theme_id::text, ',' ORDER BY t.theme_id) FROM agreement_assignment_themes t WHERE t.assignment_id = a.id), '') AS themes
    FROM agreement_assignments a) k
  GROUP BY k.item_id HAVING bool_and(k.submitted_at IS NOT NULL) AND count(DISTINCT k.themes) > 1`;

/** The themes some of `codings` give and others do not. */
function disagreed(codings: readonly (readonly string[])[]): string[] {
  const all = new Set(codings.flat());
  return [...all].filter((theme) => !codings.every((coding) => coding.includes(theme))).sort();
}
