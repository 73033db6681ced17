import { AgeBand, ConsentPurpose, Permission, type CityConnection, type SessionFormat } from '@chorus/shared';
import { Caller } from '../access/caller.js';
import { reachSql, scopeResponses } from '../access/tenancy.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, consentRequired, forbidden, notFound } from '../common/errors.js';
import { byCreatedAt, pageSize, paginate, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { ConsentsService } from '../consents/consents.service.js';
import type { RequestContext } from '../db/request-context.js';
import { date, groupBy } from '../db/rows.js';
import type { Response } from '../responses/response.entity.js';
import type { ResponsesService } from '../responses/responses.service.js';
import { describe, editedCopyProblem, mainConnection } from './description.js';
import {
  Quote,
  QuoteAttribute,
  QuoteStatus,
  type DescriptionCheck,
  type QuoteConsentState,
  type QuoteTransition,
  type QuoteUse,
  type QuoteUseKind,
} from './quote.entity.js';

export interface MarkQuoteData {
  responseId: string;
  start: number;
  end: number;
}

export interface DeidentifyQuoteData {
  id: string;
  publishedText: string;
  /** The attributes the description may use; all three when left out. */
  describeBy?: QuoteAttribute[] | null;
  /** Only with the person's ATTRIBUTION ("be named") consent standing. */
  attributedName?: string | null;
}

/** A quote of a release as an export carries it. */
export interface ExportedQuote {
  position: number;
  quoteId: string;
  text: string;
  attribution: string;
  prompt: string;
}

const PASSAGE_MAX = 2_000;

/** Which step each move starts from. */
const FROM: Record<'checkConsent' | 'deidentify' | 'approve' | 'reject', readonly QuoteStatus[]> = {
  checkConsent: [QuoteStatus.CANDIDATE],
  deidentify: [QuoteStatus.CONSENT_CHECKED, QuoteStatus.DEIDENTIFIED],
  approve: [QuoteStatus.DEIDENTIFIED],
  reject: [QuoteStatus.CANDIDATE, QuoteStatus.CONSENT_CHECKED, QuoteStatus.DEIDENTIFIED],
};

/**
 * The quote register. A quote is reached through its response, so tenancy is the response's
 * (sessions in reach); the consent it depends on is its participant's, read from the ledger
 * whoever asks, since a quote's publishability is a property of the quote.
 */
export class QuotesService {
  constructor(
    private readonly responses: ResponsesService,
    private readonly consents: ConsentsService,
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  /** Marks a passage of a response (by character offsets) as a CANDIDATE quote. */
  async mark(ctx: RequestContext, input: MarkQuoteData): Promise<Quote> {
    return this.useCases.run(ctx, Permission.QuoteEdit, async (tx) => {
      const response = await this.responses.get(tx, input.responseId, 'responseId');
      // Quote roles are staff, who always read the text; a withheld text has no passage to mark.
      const text = response.text ?? '';
      const { start, end } = input;
      if (!Number.isInteger(start) || start < 0 || start >= text.length) {
        throw badInput('start', `start must be a character position from 0 to ${text.length - 1}`);
      }
      if (!Number.isInteger(end) || end <= start || end > text.length) {
        throw badInput('end', `end must be after start and at most ${text.length}`);
      }
      if (end - start > PASSAGE_MAX) throw badInput('end', `a quote is at most ${PASSAGE_MAX} characters`);
      const excerpt = text.slice(start, end);
      if (!excerpt.trim()) throw badInput('start', 'the passage from start to end holds no words');
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO quotes (response_id, excerpt, start_offset, end_offset, status, created_by_user_id)
         VALUES ($1, $2, $3, $4, 'CANDIDATE', $5) RETURNING id`,
        [response.id, excerpt, start, end, tx.caller.userId],
      );
      await this.step(tx, row!.id, null, QuoteStatus.CANDIDATE);
      return audited(await this.load(tx, row!.id), {
        action: AuditAction.QuoteMarked,
        entityType: 'quote',
        entityId: row!.id,
        details: { responseId: response.id },
      });
    });
  }

  /**
   * CANDIDATE → CONSENT_CHECKED: the participant's QUOTE consent stands (CONSENT_REQUIRED
   * otherwise); for group notes, a facilitator of the session confirms the group agreed.
   */
  async checkConsent(ctx: RequestContext, rawId: string, groupAgreed: boolean | null | undefined): Promise<Quote> {
    return this.useCases.run(ctx, Permission.QuoteConsentCheck, async (tx) => {
      const { quote, response } = await this.lock(tx, rawId, 'checkConsent');
      let reason: string | null = null;
      if (response.participantId) {
        await this.requireQuoteConsent(tx, response.participantId);
      } else {
        const [facilitates] = await tx.query(
          `SELECT 1 FROM session_facilitators WHERE session_id = $1 AND user_id = $2`,
          [response.sessionId, tx.caller.userId],
        );
        if (!facilitates) {
          throw forbidden("Only a facilitator of the session can confirm a group's agreement to be quoted");
        }
        if (groupAgreed !== true) {
          throw badInput('groupAgreed', 'groupAgreed must be true: confirm the group agreed to be quoted');
        }
        reason = 'The session facilitator confirmed the group agreed to be quoted';
      }
      return this.move(tx, quote, QuoteStatus.CONSENT_CHECKED, AuditAction.QuoteConsentChecked, reason);
    });
  }

  /**
   * → DEIDENTIFIED: the published copy (an edited copy of the passage) and the description,
   * built from the attributes chosen; a name only with ATTRIBUTION consent.
   */
  async deidentify(ctx: RequestContext, input: DeidentifyQuoteData): Promise<Quote> {
    return this.useCases.run(ctx, Permission.QuoteEdit, async (tx) => {
      const { quote, response } = await this.lock(tx, input.id, 'deidentify');
      const publishedText = validate.requiredText('publishedText', input.publishedText, PASSAGE_MAX);
      const problem = editedCopyProblem(quote.excerpt, publishedText);
      if (problem) throw badInput('publishedText', `publishedText is not an edited copy of the passage: ${problem}`);
      const describeBy = validate.distinct('describeBy', input.describeBy ?? Object.values(QuoteAttribute));
      const attributedName = validate.optionalText('attributedName', input.attributedName);
      if (response.participantId) await this.requireQuoteConsent(tx, response.participantId);
      if (attributedName) {
        if (!response.participantId) throw badInput('attributedName', 'group notes cannot be attributed to a name');
        const named = await this.consents.standing(
          tx.as(Caller.system),
          [response.participantId],
          ConsentPurpose.ATTRIBUTION,
        );
        if (!named.size) {
          throw consentRequired('A quote is named only with ATTRIBUTION consent standing', 'attributedName');
        }
      }
      const described = await this.describedAs(tx, response, describeBy);
      await tx.query(
        `UPDATE quotes SET published_text = $2, description = $3, described_by = $4, described_age_band = $5,
           described_connection = $6, described_area_id = $7, attributed_name = $8 WHERE id = $1`,
        [
          quote.id,
          publishedText,
          described.description,
          described.by,
          described.ageBand,
          described.connection,
          described.areaId,
          attributedName,
        ],
      );
      return this.move(tx, quote, QuoteStatus.DEIDENTIFIED, AuditAction.QuoteDeidentified);
    });
  }

  /**
   * DEIDENTIFIED → APPROVED, by a coordinator, while QUOTE consent stands. A description that
   * fewer than the threshold of participants share must be accepted explicitly.
   */
  async approve(ctx: RequestContext, rawId: string, acceptDescriptionRisk: boolean | null | undefined): Promise<Quote> {
    return this.useCases.run(ctx, Permission.QuoteApprove, async (tx) => {
      const { quote, response } = await this.lock(tx, rawId, 'approve');
      if (response.participantId) await this.requireQuoteConsent(tx, response.participantId);
      const check = await this.descriptionCheck(tx, quote);
      if (check.belowThreshold && acceptDescriptionRisk !== true) {
        throw badInput(
          'acceptDescriptionRisk',
          `Fewer than ${check.threshold} participants match the description; change it, or set acceptDescriptionRisk to approve it as it is`,
        );
      }
      const reason = check.belowThreshold ? 'Approved accepting a description fewer than the threshold share' : null;
      return this.move(tx, quote, QuoteStatus.APPROVED, AuditAction.QuoteApproved, reason);
    });
  }

  /** → REJECTED, with the reason (required). */
  async reject(ctx: RequestContext, rawId: string, rawReason: string): Promise<Quote> {
    return this.useCases.run(ctx, Permission.QuoteApprove, async (tx) => {
      const reason = validate.requiredText('reason', rawReason ?? '', 1_000);
      const { quote } = await this.lock(tx, rawId, 'reject');
      return this.move(tx, quote, QuoteStatus.REJECTED, AuditAction.QuoteRejected, reason);
    });
  }

  /** Newest first, optionally of one status. */
  list(ctx: RequestContext, status: QuoteStatus | null | undefined, page: PageArgs): Promise<Page<Quote>> {
    ctx.require(Permission.QuoteRead);
    const query = this.scoped(ctx);
    if (status) query.andWhere('q.status = :status', { status });
    return paginate(query, byCreatedAt<Quote>('q'), page, this.cursors);
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Quote> {
    ctx.require(Permission.QuoteRead);
    const id = validate.id(field, rawId);
    const quote = await this.scoped(ctx).andWhere('q.id = :id', { id }).getOne();
    if (!quote) throw notFound('Quote', field);
    return quote;
  }

  /** The quotes of responses in reach, oldest first, batched with sibling reads. */
  async byResponse(ctx: RequestContext, responseIds: readonly string[]): Promise<Map<string, Quote[]>> {
    if (!ctx.caller.can(Permission.QuoteRead)) return new Map();
    const quotes = await this.scoped(ctx)
      .andWhere('q.response_id = ANY(:responseIds)', { responseIds })
      .orderBy('q.created_at')
      .addOrderBy('q.id')
      .getMany();
    return groupBy(quotes, (quote) => quote.responseId);
  }

  async transitions(ctx: RequestContext, quote: Quote): Promise<QuoteTransition[]> {
    ctx.require(Permission.QuoteRead);
    const rows = await ctx.read<{
      from_status: QuoteStatus | null;
      to_status: QuoteStatus;
      at: unknown;
      reason: string | null;
      by_user_id: string | null;
    }>(
      `SELECT from_status, to_status, at, reason, by_user_id FROM quote_transitions WHERE quote_id = $1 ORDER BY at, id`,
      [quote.id],
    );
    return rows.map((row) => ({
      fromStatus: row.from_status,
      toStatus: row.to_status,
      at: date(row.at),
      reason: row.reason,
      byUserId: row.by_user_id,
    }));
  }

  /** Every use, oldest first, a page at a time: a quote exported on a schedule is used every night. */
  async uses(ctx: RequestContext, quote: Quote, page: PageArgs): Promise<Page<QuoteUse>> {
    ctx.require(Permission.QuoteRead);
    const count = async () => {
      const [row] = await ctx.read<{ n: number }>(`SELECT count(*)::int AS n FROM quote_uses WHERE quote_id = $1`, [
        quote.id,
      ]);
      return row!.n;
    };
    return this.byPosition(`quote_uses ${quote.id}`, quote.id, page, count, async (after, limit) => {
      const rows = await ctx.read<{
        id: string;
        kind: QuoteUseKind;
        version: number | null;
        report_version: number | null;
        format: string | null;
        at: unknown;
      }>(
        `SELECT u.id, u.kind, rel.version, rep.version AS report_version, u.format, u.at FROM quote_uses u
         LEFT JOIN releases rel ON rel.id = u.release_id LEFT JOIN board_reports rep ON rep.id = u.report_id
         WHERE u.quote_id = $1 AND u.id > $2 ORDER BY u.id LIMIT $3`,
        [quote.id, after, limit],
      );
      return rows.map((row) => ({
        node: {
          kind: row.kind,
          releaseVersion: row.version,
          reportVersion: row.report_version,
          format: row.format,
          at: date(row.at),
        },
        position: Number(row.id),
      }));
    });
  }

  /** Whether the quote may be published, and named, as consent stands now. */
  async consentState(ctx: RequestContext, quote: Quote): Promise<QuoteConsentState> {
    ctx.require(Permission.QuoteRead);
    const response = await this.responses.get(ctx, quote.responseId);
    if (!response.participantId) {
      const [confirmed] = await ctx.query(
        `SELECT 1 FROM quote_transitions WHERE quote_id = $1 AND to_status = 'CONSENT_CHECKED'`,
        [quote.id],
      );
      return { groupNotes: true, quote: Boolean(confirmed) && quote.status !== QuoteStatus.WITHDRAWN, named: false };
    }
    const current = (await this.consents.current(ctx.as(Caller.system), [response.participantId])).get(
      response.participantId,
    )!;
    const stands = (purpose: ConsentPurpose) => current.some((c) => c.purpose === purpose && c.granted);
    return { groupNotes: false, quote: stands(ConsentPurpose.QUOTE), named: stands(ConsentPurpose.ATTRIBUTION) };
  }

  /**
   * The motivated-intruder check: participants of the engagement sharing every attribute the
   * description uses, counted no further than the threshold.
   */
  async descriptionCheck(ctx: RequestContext, quote: Quote): Promise<DescriptionCheck> {
    ctx.require(Permission.QuoteRead);
    const [engagement] = await ctx.query<{ threshold: number }>(
      `SELECT suppression_threshold AS threshold FROM engagements WHERE id = $1`,
      [ctx.engagementId],
    );
    const threshold = engagement!.threshold;
    const [counted] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM participants p
         WHERE p.engagement_id = $1 AND ($2::text IS NULL OR p.age_band = $2)
           AND ($3::text IS NULL OR $3 = ANY(p.connections)) AND ($4::uuid IS NULL OR p.area_id = $4)
         LIMIT $5) m`,
      [ctx.engagementId, quote.describedAgeBand, quote.describedConnection, quote.describedAreaId, threshold],
    );
    return { threshold, matching: counted!.n, belowThreshold: counted!.n < threshold };
  }

  /** While a release is built (its transaction): lists the quotes approved now, and records the use. */
  async attachToRelease(tx: RequestContext, releaseId: string): Promise<number> {
    // FOR SHARE: a withdrawal waits for the build, or the build sees it. Locked in id order, the
    // order every withdrawal, erasure and report build takes quotes in, so none of them deadlock.
    const rows = await tx.query<{ quote_id: string }>(
      `WITH approved AS (
         SELECT q.id, q.created_at FROM quotes q
         JOIN responses r ON r.id = q.response_id JOIN sessions s ON s.id = r.session_id
         WHERE s.engagement_id = $2 AND q.status = 'APPROVED' ORDER BY q.id FOR SHARE OF q
       ), listed AS (
         INSERT INTO release_quotes (release_id, quote_id, position)
         SELECT $1, id, row_number() OVER (ORDER BY created_at, id) FROM approved
         RETURNING quote_id
       )
       INSERT INTO quote_uses (quote_id, kind, release_id, by_user_id, by_api_key_id)
       SELECT quote_id, 'RELEASE', $1, $3, $4 FROM listed RETURNING quote_id`,
      [releaseId, tx.engagementId, tx.caller.userId, tx.caller.apiKeyId],
    );
    return rows.length;
  }

  /** A page of a release's quotes still published, in the release's order. */
  async ofRelease(ctx: RequestContext, releaseId: string, page: PageArgs): Promise<Page<Quote>> {
    ctx.require(Permission.QuoteRead);
    const query = this.scoped(ctx)
      .innerJoin('release_quotes', 'rq', 'rq.quote_id = q.id AND rq.release_id = :releaseId', { releaseId })
      .andWhere(`q.status = 'APPROVED'`);
    return this.byPosition(
      `release_quotes ${releaseId}`,
      releaseId,
      page,
      () => query.getCount(),
      async (after, limit) => {
        const rows = await query
          .clone()
          .addSelect('rq.position', 'position')
          .andWhere('rq.position > :after', { after })
          .orderBy('rq.position')
          .limit(limit)
          .getRawAndEntities<{ position: number }>();
        return rows.entities.map((node, i) => ({ node, position: rows.raw[i]!.position }));
      },
    );
  }

  /** How many quotes have been taken out of a release since it was built (withdrawals, erasures). */
  async removedFromRelease(ctx: RequestContext, releaseId: string): Promise<number> {
    ctx.require(Permission.QuoteRead);
    const [row] = await ctx.read<{ n: number }>(
      `SELECT count(*)::int AS n FROM release_quote_removals WHERE release_id = $1`,
      [releaseId],
    );
    return row!.n;
  }

  /**
   * The quotes of a release still published, for an export, recording the use of each in the
   * same transaction as the read, so what was sent is exactly what is recorded.
   */
  async exportRelease(ctx: RequestContext, releaseId: string, format: 'csv' | 'json'): Promise<ExportedQuote[]> {
    return this.useCases.run(ctx, Permission.QuoteRead, async (tx) => {
      const params: unknown[] = [releaseId];
      const rows = await tx.query<{
        position: number;
        id: string;
        published_text: string;
        attribution: string;
        prompt: string;
      }>(
        `SELECT rq.position, q.id, q.published_text, coalesce(q.attributed_name, q.description) AS attribution, r.prompt
         FROM release_quotes rq JOIN quotes q ON q.id = rq.quote_id
         JOIN responses r ON r.id = q.response_id JOIN sessions s ON s.id = r.session_id
         WHERE rq.release_id = $1 AND q.status = 'APPROVED' AND ${reachSql.sessions(tx, 's', params)}
         ORDER BY rq.position`,
        params,
      );
      if (rows.length) {
        await tx.query(
          `INSERT INTO quote_uses (quote_id, kind, release_id, format, by_user_id, by_api_key_id)
           SELECT unnest($1::uuid[]), 'EXPORT', $2, $3, $4, $5`,
          [rows.map((row) => row.id), releaseId, format, tx.caller.userId, tx.caller.apiKeyId],
        );
      }
      return {
        result: rows.map((row) => ({
          position: row.position,
          quoteId: row.id,
          text: row.published_text,
          attribution: row.attribution,
          prompt: row.prompt,
        })),
        audit: [
          {
            action: AuditAction.QuotesExported,
            entityType: 'release',
            entityId: releaseId,
            details: { quotes: rows.length, format },
          },
        ],
      };
    });
  }

  /** Keyset paging over a whole-number position (a release's order, an identity column), `read` giving rows after one. */
  private async byPosition<T>(
    scope: string,
    ownerId: string,
    page: PageArgs,
    count: () => Promise<number>,
    read: (after: number, limit: number) => Promise<{ node: T; position: number }[]>,
  ): Promise<Page<T>> {
    const first = pageSize(page.first);
    const after = page.after ? Number(this.cursors.decode(scope, page.after)[0]) : 0;
    const rows = await read(after, first + 1);
    const edges = rows
      .slice(0, first)
      .map(({ node, position }) => ({ node, cursor: this.cursors.encode(scope, String(position), ownerId) }));
    return {
      get totalCount() {
        return count();
      },
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: Boolean(page.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  private scoped(ctx: RequestContext) {
    return scopeResponses(
      ctx.manager.createQueryBuilder(Quote, 'q').innerJoin('responses', 'r', 'r.id = q.response_id'),
      'r',
      ctx,
    );
  }

  /** The quote and its response, locked, refused unless it stands where `move` starts. */
  private async lock(
    tx: RequestContext,
    rawId: string,
    move: keyof typeof FROM,
  ): Promise<{ quote: Quote; response: Response }> {
    const id = validate.id('id', rawId);
    const quote = await this.scoped(tx)
      .andWhere('q.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['q'])
      .getOne();
    if (!quote) throw notFound('Quote', 'id');
    if (!FROM[move].includes(quote.status)) {
      throw badInput('id', `This quote is ${quote.status}; it must be ${FROM[move].join(' or ')} for this step`);
    }
    return { quote, response: await this.responses.get(tx, quote.responseId, 'id') };
  }

  private async requireQuoteConsent(tx: RequestContext, participantId: string): Promise<void> {
    const standing = await this.consents.standing(tx.as(Caller.system), [participantId], ConsentPurpose.QUOTE);
    if (!standing.size) {
      throw consentRequired("The participant's QUOTE consent does not stand; their words cannot be quoted", 'id');
    }
  }

  private async move(
    tx: RequestContext,
    quote: Quote,
    to: QuoteStatus,
    action: AuditAction,
    reason: string | null = null,
  ) {
    await tx.query(`UPDATE quotes SET status = $2, updated_at = now() WHERE id = $1`, [quote.id, to]);
    await this.step(tx, quote.id, quote.status, to, reason);
    return audited(await this.load(tx, quote.id), {
      action,
      entityType: 'quote',
      entityId: quote.id,
      details: { from: quote.status, to },
    });
  }

  private async step(
    tx: RequestContext,
    quoteId: string,
    from: QuoteStatus | null,
    to: QuoteStatus,
    reason: string | null = null,
  ) {
    await tx.query(
      `INSERT INTO quote_transitions (quote_id, from_status, to_status, by_user_id, by_api_key_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [quoteId, from, to, tx.caller.userId, tx.caller.apiKeyId, reason],
    );
  }

  private load(tx: RequestContext, id: string): Promise<Quote> {
    return tx.manager.findOneByOrFail(Quote, { id });
  }

  /** The description from the attributes chosen, and what it rests on (for the intruder check). */
  private async describedAs(tx: RequestContext, response: Response, describeBy: readonly QuoteAttribute[]) {
    const uses = (attribute: QuoteAttribute) => describeBy.includes(attribute);
    const [row] = await tx.query<{
      age_band: AgeBand | null;
      connections: CityConnection[] | null;
      area_id: string | null;
      area_name: string | null;
      format: SessionFormat;
    }>(
      `SELECT p.age_band, p.connections, a.id AS area_id, a.name AS area_name, s.format
       FROM responses r JOIN sessions s ON s.id = r.session_id
       LEFT JOIN participants p ON p.id = r.participant_id
       LEFT JOIN areas a ON a.id = CASE WHEN r.participant_id IS NULL THEN s.area_id ELSE p.area_id END
       WHERE r.id = $1`,
      [response.id],
    );
    const group = !response.participantId;
    const ageBand =
      !group && uses(QuoteAttribute.AGE_BAND) && row!.age_band !== AgeBand.PREFER_NOT_TO_SAY ? row!.age_band : null;
    const connection = !group && uses(QuoteAttribute.CONNECTION) ? mainConnection(row!.connections ?? []) : null;
    const areaId = uses(QuoteAttribute.AREA) ? row!.area_id : null;
    const areaName = areaId ? row!.area_name : null;
    return {
      description: describe({ ageBand, connection, areaName, groupFormat: group ? row!.format : null }),
      by: [
        ...(ageBand ? [QuoteAttribute.AGE_BAND] : []),
        ...(connection ? [QuoteAttribute.CONNECTION] : []),
        ...(areaId ? [QuoteAttribute.AREA] : []),
      ],
      ageBand,
      connection,
      areaId,
    };
  }
}
