import { ConsentPurpose, LIMITS, Permission, ResponseSource, SessionStatus, type Prompt } from '@chorus/shared';
import type { UseCases } from '../access/use-case.js';
import { notBlindCondition } from '../agreement/blind.js';
import { AuditAction } from '../audit/audit-action.js';
import { sha256 } from '../common/crypto.js';
import type { Idempotency } from '../common/idempotency.js';
import { badInput, consentRequired, notFound } from '../common/errors.js';
import type { SelectQueryBuilder } from 'typeorm';
import { codingsByResponseIds } from '../codings/codings.service.js';
import type { Coding } from '../codings/coding.entity.js';
import { byCreatedAt, countRows, paginate, type Page, type PageArgs, type Cursors } from '../common/pagination.js';
import { containsPattern } from '../common/sql.js';
import * as validate from '../common/validate.js';
import type { ConsentsService } from '../consents/consents.service.js';
import type { RequestContext } from '../db/request-context.js';
import type { Participant } from '../participants/participant.entity.js';
import { participantsByIds, type ParticipantsService } from '../participants/participants.service.js';
import { ownOrganisation, reachSql, scopeParticipants, scopeSessions } from '../access/tenancy.js';
import type { SafeguardingRules } from '../safeguarding/safeguarding-rules.service.js';
import type { Session } from '../sessions/session.entity.js';
import { sessionsByIds, type SessionsService } from '../sessions/sessions.service.js';
import type { Theme } from '../themes/theme.entity.js';
import { themesByIds } from '../themes/themes.service.js';
import { date, groupBy } from '../db/rows.js';
import { redactAll, Redactor } from './redaction.js';
import { Response } from './response.entity.js';
import { Submission } from './submission.entity.js';

export interface ResponseData {
  participantId?: string | null;
  prompt: Prompt;
  text: string;
  language?: string | null;
}

export interface SubmitResponsesData {
  sessionId: string;
  idempotencyKey: string;
  responses: ResponseData[];
}

export interface SubmitResult {
  duplicate: boolean;
  responses: Response[];
}

/** The children of a page's responses the client will ask for, so that the page's statement reads them too. */
export interface ResponseChildrenWanted {
  participant?: boolean;
  session?: boolean;
  codings?: boolean;
  /** The themes of those codings. */
  codingThemes?: boolean;
}

/**
 * A page's children as its own statement read them, keyed as the DataLoaders are: every id the
 * page refers to, null when out of the caller's reach, as `findByIds` would have answered.
 */
export interface ResponseChildren {
  participants?: Map<string, Participant | null>;
  sessions?: Map<string, Session | null>;
  codings?: Map<string, Coding[]>;
  themes?: Map<string, Theme | null>;
}

export interface ResponseFilter {
  sessionId?: string | null;
  participantId?: string | null;
  prompt?: Prompt | null;
  themeId?: string | null;
  areaId?: string | null;
  uncoded?: boolean | null;
  search?: string | null;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

export class ResponsesService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly participants: ParticipantsService,
    private readonly consents: ConsentsService,
    private readonly useCases: UseCases,
    private readonly idempotency: Idempotency,
    private readonly cursors: Cursors,
    private readonly safeguarding: SafeguardingRules,
  ) {}

  /**
   * Stores a batch whole or not at all. The texts are redacted first, with no transaction open and
   * no connection held (redaction is work on the texts alone, and a long batch must not hold locks
   * while it runs). Then one transaction: the idempotency key is claimed by a unique constraint, so
   * concurrent retries of one key wait on each other and exactly one batch is stored; consent is
   * checked for the whole batch at once; one INSERT stores every row. The safeguarding rules are
   * matched against the redacted texts before the transaction too; a match adds one INSERT of
   * its flags to the transaction, so a batch and its flags are stored together.
   */
  async submit(ctx: RequestContext, input: SubmitResponsesData): Promise<SubmitResult> {
    ctx.require(Permission.ResponseSubmit);
    const batch = this.validateBatch(input);
    const [names, matcher] = await Promise.all([this.participants.knownNames(ctx), this.safeguarding.matcher(ctx)]);
    const texts = await redactAll(
      new Redactor(names),
      batch.responses.map((r) => r.text),
    );
    const matches = texts.map((text) => matcher.rules.match(text));
    return this.useCases.run(ctx, Permission.ResponseSubmit, async (tx) => {
      const session = await this.sessions.get(tx, batch.sessionId, 'sessionId');
      const claim = await this.idempotency.claim(tx, {
        table: 'submissions',
        key: batch.idempotencyKey,
        payload: { sessionId: batch.sessionId, responses: batch.responses },
        legacyHash: () => sha256(JSON.stringify([batch.sessionId, batch.responses])),
        columns: { session_id: batch.sessionId },
        conflict: 'This idempotencyKey was already used for a different batch; use a new key for new responses',
      });
      if (!claim.first) return { result: await this.replay(tx, claim.id), audit: [] };

      if (session.status === SessionStatus.CANCELLED) throw badInput('sessionId', 'this session was cancelled');
      await this.checkParticipants(tx, batch.responses);

      const source =
        tx.caller.kind === 'resident'
          ? ResponseSource.QUESTIONNAIRE
          : ownOrganisation(tx.caller)
            ? ResponseSource.PARTNER_API
            : ResponseSource.STAFF;
      const rows = batch.responses;
      // Only what the database chose comes back; the rest is what was just written.
      const stored = await tx.query<{ id: string; position: number; created_at: Date }>(
        `INSERT INTO responses (session_id, submission_id, source, participant_id, position, prompt, text, language)
         SELECT $1, $2, $3, t.participant_id, t.position, t.prompt, t.text, t.language
         FROM unnest($4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[]) AS t(participant_id, position, prompt, text, language)
         RETURNING id, position, created_at`,
        [
          session.id,
          claim.id,
          source,
          rows.map((r) => r.participantId),
          rows.map((_, i) => i),
          rows.map((r) => r.prompt),
          texts,
          rows.map((r) => r.language),
        ],
      );
      const responses = stored
        .sort((a, b) => a.position - b.position)
        .map((row) =>
          Object.assign(new Response(), {
            ...rows[row.position]!,
            id: row.id,
            sessionId: session.id,
            submissionId: claim.id,
            position: row.position,
            text: texts[row.position]!,
            source,
            createdAt: row.created_at,
          }),
        );
      const flagged = await this.safeguarding.raiseForBatch(
        tx,
        matcher,
        stored.map((row) => ({ id: row.id, matches: matches[row.position]! })),
      );
      return {
        result: { duplicate: false, responses },
        audit: [
          {
            action: AuditAction.ResponsesSubmitted,
            entityType: 'session',
            entityId: session.id,
            details: { responses: rows.length },
          },
          ...flagged,
        ],
      };
    });
  }

  async list(
    ctx: RequestContext,
    filter: ResponseFilter | null | undefined,
    page: PageArgs,
    wanted: ResponseChildrenWanted = {},
  ): Promise<Page<Response> & { children: ResponseChildren }> {
    ctx.require(Permission.ResponseRead);
    const query = this.scoped(ctx);
    if (filter?.sessionId)
      query.andWhere('r.session_id = :sessionId', { sessionId: validate.id('filter.sessionId', filter.sessionId) });
    if (filter?.participantId) {
      query.andWhere('r.participant_id = :participantId', {
        participantId: validate.id('filter.participantId', filter.participantId),
      });
    }
    if (filter?.prompt) query.andWhere('r.prompt = :prompt', { prompt: filter.prompt });
    if (filter?.areaId) query.andWhere('s.area_id = :areaId', { areaId: validate.id('filter.areaId', filter.areaId) });
    if (filter?.themeId) {
      query.andWhere('EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id AND c.theme_id = :themeId)', {
        themeId: validate.id('filter.themeId', filter.themeId),
      });
    }
    if (filter?.uncoded) query.andWhere('NOT EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id)');
    // A blind coder must not learn a sampled response's coding from which filters it appears under.
    if (filter?.themeId || filter?.uncoded) {
      query.andWhere(
        notBlindCondition(ctx, 'r.id', () => ':blindUserId'),
        { blindUserId: ctx.caller.userId },
      );
    }
    const search = validate.optionalText('filter.search', filter?.search);
    // A partner's search must not reveal, by what it matches, words withheld from it.
    if (search && ctx.caller.isPartner) query.andWhere(`(r.source = 'PARTNER_API' OR ${NOT_FLAGGED})`);
    if (search) {
      // Stemmed words ("buses" finds "bus") or, failing that, the letters as typed ("bus" finds "buses").
      query.andWhere(
        `(to_tsvector('english', r.text) @@ websearch_to_tsquery('english', :search) OR r.text ILIKE :substring)`,
        { search, substring: containsPattern(search) },
      );
    }
    let children: ResponseChildren = {};
    const listed = await paginate(query, byCreatedAt<Response>('r'), page, this.cursors, {
      rows: async (pageQuery) => {
        const read = await this.pageWithChildren(ctx, pageQuery.select(RESPONSE_COLUMNS), wanted);
        children = read.children;
        return this.withhold(ctx, read.rows);
      },
      count: () => (onlyBySession(filter) ? this.countBySession(ctx, filter) : countRows(query)),
    });
    return Object.assign(listed, { children });
  }

  /**
   * The page's rows and, in the same statement, the children the client asked for: each read by
   * the SQL its DataLoader's `findByIds` sends (same tenancy, blind coding, mapper), given the
   * page's own ids as a subquery instead of a parameter. One statement where the loaders' levels
   * would have been three.
   */
  private async pageWithChildren(
    ctx: RequestContext,
    pageQuery: SelectQueryBuilder<Response>,
    wanted: ResponseChildrenWanted,
  ): Promise<{ rows: Response[]; children: ResponseChildren }> {
    const [pageSql, params] = pageQuery.getQueryAndParameters();
    const ctes = [`page AS (${pageSql})`];
    const columns = [`(SELECT coalesce(json_agg(q), '[]'::json) FROM page q) AS rows`];
    const of = (name: string, sql: string) =>
      columns.push(`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${sql}) q) AS ${name}`);
    if (wanted.participant) {
      of('participants', participantsByIds.sql(ctx, 'ARRAY(SELECT participant_id FROM page)', params));
    }
    if (wanted.session) of('sessions', sessionsByIds.sql(ctx, 'ARRAY(SELECT session_id FROM page)', params));
    if (wanted.codings) {
      ctes.push(`page_codings AS (${codingsByResponseIds.sql(ctx, 'ARRAY(SELECT id FROM page)', params)})`);
      of('codings', 'SELECT * FROM page_codings');
      if (wanted.codingThemes) {
        of('themes', themesByIds.sql(ctx, 'ARRAY(SELECT theme_id FROM page_codings)', params));
      }
    }
    const [read] = await ctx.read<Record<string, Record<string, unknown>[]>>(
      `WITH ${ctes.join(', ')} SELECT ${columns.join(', ')}`,
      params,
    );
    const rows = read!.rows!.map((row) => toResponse(row as unknown as ResponseRow));
    const children: ResponseChildren = {};
    if (read!.participants) {
      const ids = rows.flatMap((r) => (r.participantId ? [r.participantId] : []));
      children.participants = byIds(ids, read!.participants.map(participantsByIds.map));
    }
    if (read!.sessions) {
      children.sessions = byIds(
        rows.map((r) => r.sessionId),
        read!.sessions.map(sessionsByIds.map),
      );
    }
    if (read!.codings) {
      const codings = read!.codings.map(codingsByResponseIds.map);
      const byResponse = groupBy(codings, (coding) => coding.responseId);
      children.codings = new Map(rows.map((r) => [r.id, byResponse.get(r.id) ?? []]));
      if (read!.themes) {
        children.themes = byIds(
          codings.map((c) => c.themeId),
          read!.themes.map(themesByIds.map),
        );
      }
    }
    return { rows, children };
  }

  /** Responses of the sessions in reach (of one session, or of an area's), from the per-session counter. */
  private async countBySession(ctx: RequestContext, filter: ResponseFilter | null | undefined): Promise<number> {
    const params: unknown[] = [];
    const conditions = [reachSql.sessions(ctx, 's', params)];
    if (filter?.sessionId) conditions.push(`s.id = $${params.push(validate.id('filter.sessionId', filter.sessionId))}`);
    if (filter?.areaId) conditions.push(`s.area_id = $${params.push(validate.id('filter.areaId', filter.areaId))}`);
    const [row] = await ctx.read<{ n: number }>(
      `SELECT coalesce(sum(c.responses), 0)::int AS n FROM session_response_counts c JOIN sessions s ON s.id = c.session_id
       WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return row!.n; // an aggregate always answers one row
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Response> {
    ctx.require(Permission.ResponseRead);
    const id = validate.id(field, rawId);
    const response = await this.scoped(ctx).andWhere('r.id = :id', { id }).getOne();
    if (!response) throw notFound('Response', field);
    return (await this.withhold(ctx, [response]))[0]!;
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Response[]> {
    return this.withhold(ctx, await this.scoped(ctx).andWhere('r.id = ANY(:ids)', { ids }).getMany());
  }

  /**
   * Flagged text is for the safeguarding lead and for the organisation that submitted it: a
   * partner reading a flagged response it did not submit (staff entered it at the partner's
   * session) gets `textWithheld` and no text. Costs a read only for partners, and only when the
   * page holds responses they did not submit.
   */
  private async withhold(ctx: RequestContext, responses: Response[]): Promise<Response[]> {
    if (!ctx.caller.isPartner) return responses;
    const others = responses.filter((r) => r.source !== ResponseSource.PARTNER_API).map((r) => r.id);
    if (!others.length) return responses;
    const rows = await ctx.read<{ id: string }>(
      `SELECT r.id FROM unnest($1::uuid[]) AS r(id) WHERE NOT ${NOT_FLAGGED}`,
      [others],
    );
    const flagged = new Set(rows.map((row) => row.id));
    return responses.map((r) => (flagged.has(r.id) ? { ...r, text: null, textWithheld: true } : r));
  }

  private scoped(ctx: RequestContext) {
    return scopeSessions(
      ctx.manager.createQueryBuilder(Response, 'r').innerJoin('sessions', 's', 's.id = r.session_id'),
      's',
      ctx,
    );
  }

  private async replay(ctx: RequestContext, submissionId: string): Promise<SubmitResult> {
    const first = await ctx.manager.findOneByOrFail(Submission, { id: submissionId });
    // The first batch's session may since have gone out of the caller's reach (a facilitator taken off it).
    await this.sessions.get(ctx, first.sessionId, 'sessionId');
    return { duplicate: true, responses: await this.withhold(ctx, await this.ofSubmission(ctx, first.id)) };
  }

  private ofSubmission(ctx: RequestContext, submissionId: string): Promise<Response[]> {
    return ctx.manager.find(Response, { where: { submissionId }, order: { position: 'ASC' } });
  }

  /** Every named participant must be reachable and have PARTICIPATION consent standing. */
  private async checkParticipants(ctx: RequestContext, rows: Required<ResponseData>[]): Promise<void> {
    const ids = [...new Set(rows.map((r) => r.participantId).filter((id): id is string => id !== null))];
    if (!ids.length) return;
    // FOR SHARE: a withdrawal of consent (FOR UPDATE) waits for this batch, or this batch for it.
    const reachable = await scopeParticipants(
      ctx.manager
        .createQueryBuilder()
        .select('p.id', 'id')
        .from('participants', 'p')
        .where('p.id = ANY(:ids)', { ids }),
      'p',
      ctx,
    )
      .setLock('pessimistic_read')
      .getRawMany<{ id: string }>();
    const found = new Set(reachable.map((row) => row.id));
    const missing = rows.findIndex((r) => r.participantId !== null && !found.has(r.participantId));
    if (missing >= 0) throw notFound('Participant', `responses.${missing}.participantId`);
    const consenting = await this.consents.standing(ctx, ids, ConsentPurpose.PARTICIPATION);
    const refused = rows.findIndex((r) => r.participantId !== null && !consenting.has(r.participantId));
    if (refused >= 0) {
      throw consentRequired(
        'This participant has no standing PARTICIPATION consent',
        `responses.${refused}.participantId`,
      );
    }
  }

  private validateBatch(input: SubmitResponsesData) {
    const sessionId = validate.id('sessionId', input.sessionId);
    const idempotencyKey = validate.requiredText('idempotencyKey', input.idempotencyKey, LIMITS.idempotencyKeyLength);
    if (!input.responses.length) throw badInput('responses', 'responses must hold at least one response');
    if (input.responses.length > LIMITS.batchSize) {
      throw badInput('responses', `responses may hold at most ${LIMITS.batchSize} responses; split the batch`);
    }
    const responses = input.responses.map((r, i) => {
      const language = validate.optionalText(`responses.${i}.language`, r.language, 35) ?? 'en';
      if (!LANGUAGE_TAG.test(language))
        throw badInput(`responses.${i}.language`, `responses.${i}.language must be a language tag such as "en"`);
      return {
        participantId: validate.optionalId(`responses.${i}.participantId`, r.participantId),
        prompt: r.prompt,
        text: validate.requiredText(`responses.${i}.text`, r.text, LIMITS.textLength),
        language: language.toLowerCase(),
      };
    });
    return { sessionId, idempotencyKey, responses };
  }
}

/** Whether the filter narrows only by session or area, which the per-session counter answers. */
function onlyBySession(filter: ResponseFilter | null | undefined): boolean {
  return !filter?.participantId && !filter?.prompt && !filter?.themeId && !filter?.uncoded && !filter?.search;
}

/** SQL: no safeguarding flag is on response `r`. */
const NOT_FLAGGED = 'NOT EXISTS (SELECT 1 FROM safeguarding_flags f WHERE f.response_id = r.id)';

/** The columns a response is read with on the list's hot path, as raw rows rather than hydrated entities. */
const RESPONSE_COLUMNS = [
  'r.id AS id',
  'r.session_id AS session_id',
  'r.participant_id AS participant_id',
  'r.submission_id AS submission_id',
  'r.position AS position',
  'r.prompt AS prompt',
  'r.text AS text',
  'r.language AS language',
  'r.source AS source',
  'r.created_at AS created_at',
];

interface ResponseRow {
  id: string;
  session_id: string;
  participant_id: string | null;
  submission_id: string | null;
  position: number;
  prompt: Prompt;
  text: string;
  language: string;
  source: ResponseSource;
  created_at: unknown;
}

/** Each of `ids` with its row, or null when the read did not return it (out of reach). */
function byIds<T extends { id: string }>(ids: readonly string[], found: readonly T[]): Map<string, T | null> {
  const rows = new Map<string, T | null>(found.map((row) => [row.id, row]));
  for (const id of ids) if (!rows.has(id)) rows.set(id, null);
  return rows;
}

function toResponse(row: ResponseRow): Response {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    submissionId: row.submission_id,
    position: row.position,
    prompt: row.prompt,
    text: row.text,
    language: row.language,
    source: row.source,
    createdAt: date(row.created_at),
    textWithheld: false,
  };
}
