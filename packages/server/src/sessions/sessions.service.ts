import { LIMITS, Permission, Role, SessionStatus, type SessionFormat } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import { containsPattern } from '../common/sql.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { confinedToFacilitatedSessions, ownOrganisation, reachSql, scopeSessions } from '../access/tenancy.js';
import { date, groupBy, optionalDate, readByIds, type ReadByIds } from '../db/rows.js';
import { Session } from './session.entity.js';

export const SESSION_COLUMNS =
  's.id, s.engagement_id, s.title, s.format, s.status, s.starts_at, s.ends_at, s.area_id, s.venue, s.audience, s.organisation_id, s.headcount, s.created_at';

interface SessionRow extends Record<string, unknown> {
  id: string;
  engagement_id: string;
  title: string;
  format: SessionFormat;
  status: SessionStatus;
  starts_at: unknown;
  ends_at: unknown;
  area_id: string | null;
  venue: string | null;
  audience: string | null;
  organisation_id: string | null;
  headcount: number | null;
  created_at: unknown;
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    title: row.title,
    format: row.format,
    status: row.status,
    startsAt: date(row.starts_at),
    endsAt: optionalDate(row.ends_at),
    areaId: row.area_id,
    venue: row.venue,
    audience: row.audience,
    organisationId: row.organisation_id,
    headcount: row.headcount,
    createdAt: date(row.created_at),
  };
}

export interface SessionData {
  title?: string | null;
  format?: SessionFormat | null;
  status?: SessionStatus | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  areaId?: string | null;
  venue?: string | null;
  audience?: string | null;
  organisationId?: string | null;
  headcount?: number | null;
  facilitatorIds?: string[] | null;
}

export interface SessionFilter {
  formats?: SessionFormat[] | null;
  statuses?: SessionStatus[] | null;
  areaId?: string | null;
  organisationId?: string | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
}

/** The counts `responseCounts` and `participantCounts` give, as subqueries of the page's statement on `s`. */
const RESPONSE_COUNT_AHEAD = `(SELECT c.responses::int FROM session_response_counts c WHERE c.session_id = s.id)`;
const PARTICIPANT_COUNT_AHEAD = `(SELECT count(DISTINCT seen.participant_id)::int FROM (
    SELECT p.id AS participant_id FROM participants p WHERE p.session_id = s.id
    UNION ALL
    SELECT r.participant_id FROM responses r WHERE r.session_id = s.id AND r.participant_id IS NOT NULL
  ) seen)`;

/** How many look-alike sessions the duplicate check names at most. */
const DUPLICATES_SHOWN = 10;

const STAFF_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR];

export class SessionsService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  async create(
    ctx: RequestContext,
    input: SessionData & { title: string; format: SessionFormat; startsAt: Date },
  ): Promise<Session> {
    return this.useCases.run(ctx, Permission.SessionPlan, async (tx) => {
      const values = this.validate(tx, input, { status: SessionStatus.PLANNED });
      await this.checkReferences(tx, values, input.facilitatorIds);
      const session = await tx.manager.save(tx.manager.create(Session, { ...values, engagementId: tx.engagementId }));
      await this.setFacilitators(tx, session.id, input.facilitatorIds);
      return audited(await tx.manager.findOneByOrFail(Session, { id: session.id }), {
        action: AuditAction.SessionCreated,
        entityType: 'session',
        entityId: session.id,
        details: { format: session.format },
      });
    });
  }

  async update(ctx: RequestContext, rawId: string, input: SessionData): Promise<Session> {
    return this.useCases.run(ctx, Permission.SessionUpdate, async (tx) => {
      const id = validate.id('id', rawId);
      const current = await this.scoped(tx).andWhere('s.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!current) throw notFound('Session', 'id');
      const values = this.validate(tx, { ...current, ...stripUndefined(input) }, {});
      if (confinedToFacilitatedSessions(tx.caller) && values.organisationId !== current.organisationId) {
        throw forbidden('A facilitator cannot move a session to another organisation');
      }
      await this.checkReferences(tx, values, input.facilitatorIds);
      await tx.manager.update(Session, { id }, values);
      if (input.facilitatorIds) {
        await tx.query(`DELETE FROM session_facilitators WHERE session_id = $1`, [id]);
        await this.setFacilitators(tx, id, input.facilitatorIds);
      }
      return audited(await tx.manager.findOneByOrFail(Session, { id }), {
        action: AuditAction.SessionUpdated,
        entityType: 'session',
        entityId: id,
        details: { status: values.status ?? current.status },
      });
    });
  }

  /**
   * A page of sessions in reach. `ahead` names the counts the client selected: they are read in the
   * page's own statement (the row is already in reach, so the counts need no further tenancy
   * check) and handed back in `counts` for the caller to prime its loaders with.
   */
  async list(
    ctx: RequestContext,
    filter: SessionFilter | null | undefined,
    page: PageArgs,
    ahead: { responseCount?: boolean; participantCount?: boolean } = {},
  ) {
    ctx.require(Permission.SessionRead);
    const query = this.scoped(ctx);
    if (filter?.formats?.length) query.andWhere('s.format = ANY(:formats)', { formats: filter.formats });
    if (filter?.statuses?.length) query.andWhere('s.status = ANY(:statuses)', { statuses: filter.statuses });
    if (filter?.areaId) query.andWhere('s.area_id = :areaId', { areaId: validate.id('filter.areaId', filter.areaId) });
    if (filter?.organisationId) {
      query.andWhere('s.organisation_id = :orgId', {
        orgId: validate.id('filter.organisationId', filter.organisationId),
      });
    }
    if (validate.validDate('filter.from', filter?.from)) query.andWhere('s.starts_at >= :from', { from: filter!.from });
    if (validate.validDate('filter.to', filter?.to)) query.andWhere('s.starts_at < :to', { to: filter!.to });
    const search = validate.optionalText('filter.search', filter?.search);
    if (search) query.andWhere(`s.title ILIKE :search`, { search: containsPattern(search) });
    const counts = { responses: new Map<string, number>(), participants: new Map<string, number>() };
    const listed = await paginate(
      query,
      { column: 's.starts_at', idColumn: 's.id', type: 'timestamptz', valueOf: (s) => s.startsAt.toISOString() },
      page,
      this.cursors,
      // Raw rows through the mapper the batched reads use, rather than hydrated entities.
      {
        rows: async (pageQuery) => {
          pageQuery.select(SESSION_COLUMNS);
          if (ahead.responseCount) pageQuery.addSelect(RESPONSE_COUNT_AHEAD, 'ahead_responses');
          if (ahead.participantCount) pageQuery.addSelect(PARTICIPANT_COUNT_AHEAD, 'ahead_participants');
          const rows = await pageQuery.getRawMany<
            SessionRow & { ahead_responses?: number; ahead_participants?: number }
          >();
          for (const row of rows) {
            if (ahead.responseCount) counts.responses.set(row.id, Number(row.ahead_responses ?? 0));
            if (ahead.participantCount) counts.participants.set(row.id, Number(row.ahead_participants ?? 0));
          }
          return rows.map(toSession);
        },
      },
    );
    return Object.assign(listed, { counts });
  }

  /**
   * Sessions in reach that look like the one being planned: the same title (ignoring case and
   * surrounding spaces), start time and area, not cancelled, leaving out `exceptId`. The planning
   * form asks before saving one of these; nothing refuses it, since two groups may truly meet so.
   */
  async duplicatesOf(
    ctx: RequestContext,
    input: { title: string; startsAt: Date; areaId?: string | null; exceptId?: string | null },
  ): Promise<Session[]> {
    ctx.require(Permission.SessionRead);
    const title = validate.requiredText('title', input.title);
    if (!validate.validDate('startsAt', input.startsAt)) throw badInput('startsAt', 'startsAt is required');
    const areaId = validate.optionalId('areaId', input.areaId);
    const exceptId = validate.optionalId('exceptId', input.exceptId);
    return this.scoped(ctx)
      .andWhere('lower(btrim(s.title)) = lower(:title)', { title })
      .andWhere('s.starts_at = :startsAt', { startsAt: input.startsAt })
      .andWhere('s.area_id IS NOT DISTINCT FROM CAST(:areaId AS uuid)', { areaId })
      .andWhere('s.id IS DISTINCT FROM CAST(:exceptId AS uuid)', { exceptId })
      .andWhere('s.status <> :cancelled', { cancelled: SessionStatus.CANCELLED })
      .orderBy('s.created_at', 'ASC')
      .limit(DUPLICATES_SHOWN)
      .getMany();
  }

  /** A session the caller may reach, or NOT_FOUND naming `field`. */
  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Session> {
    ctx.require(Permission.SessionRead);
    const [session] = await this.findByIds(ctx, [validate.id(field, rawId)]);
    if (!session) throw notFound('Session', field);
    return session;
  }

  /** Sessions in reach, batched with sibling reads. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Session[]> {
    return readByIds(ctx, sessionsByIds, ids);
  }

  async facilitatorIds(ctx: RequestContext, sessionIds: readonly string[]): Promise<Map<string, string[]>> {
    const params: unknown[] = [sessionIds];
    const rows = await ctx.read<{ session_id: string; user_id: string }>(
      `SELECT sf.session_id, sf.user_id FROM session_facilitators sf JOIN sessions s ON s.id = sf.session_id
       WHERE sf.session_id = ANY($1::uuid[]) AND ${reachSql.sessions(ctx, 's', params)}`,
      params,
    );
    const bySession = groupBy(rows, (row) => row.session_id);
    return new Map([...bySession].map(([id, group]) => [id, group.map((row) => row.user_id)]));
  }

  /** From the counter the responses table keeps per session (a trigger), so no response is read. */
  async responseCounts(ctx: RequestContext, sessionIds: readonly string[]): Promise<Map<string, number>> {
    const params: unknown[] = [sessionIds];
    const rows = await ctx.read<{ session_id: string; n: number }>(
      `SELECT c.session_id, c.responses::int AS n FROM session_response_counts c JOIN sessions s ON s.id = c.session_id
       WHERE c.session_id = ANY($1::uuid[]) AND ${reachSql.sessions(ctx, 's', params)}`,
      params,
    );
    return new Map(rows.map((row) => [row.session_id, row.n]));
  }

  /** People registered at the session, and anyone who spoke there. */
  async participantCounts(ctx: RequestContext, sessionIds: readonly string[]): Promise<Map<string, number>> {
    const params: unknown[] = [sessionIds];
    const rows = await ctx.read<{ session_id: string; n: number }>(
      `SELECT seen.session_id, count(DISTINCT seen.participant_id)::int AS n FROM (
         SELECT session_id, id AS participant_id FROM participants WHERE session_id = ANY($1::uuid[])
         UNION ALL
         SELECT session_id, participant_id FROM responses WHERE session_id = ANY($1::uuid[]) AND participant_id IS NOT NULL
       ) seen JOIN sessions s ON s.id = seen.session_id
       WHERE ${reachSql.sessions(ctx, 's', params)} GROUP BY seen.session_id`,
      params,
    );
    return new Map(rows.map((row) => [row.session_id, row.n]));
  }

  private scoped(ctx: RequestContext) {
    return scopeSessions(ctx.manager.createQueryBuilder(Session, 's'), 's', ctx);
  }

  private validate(ctx: RequestContext, input: SessionData, defaults: Partial<Session>) {
    const startsAt = validate.validDate('startsAt', input.startsAt);
    if (!startsAt) throw badInput('startsAt', 'startsAt is required');
    if (!input.format) throw badInput('format', 'format is required');
    const endsAt = validate.validDate('endsAt', input.endsAt);
    if (startsAt && endsAt && endsAt < startsAt) throw badInput('endsAt', 'endsAt must not be before startsAt');
    let organisationId = validate.optionalId('organisationId', input.organisationId);
    const own = ownOrganisation(ctx.caller);
    if (own) {
      if (organisationId && organisationId !== own) {
        throw badInput('organisationId', "a partner's sessions belong to its own organisation");
      }
      organisationId = own;
    }
    // Any list, even an empty one, replaces the facilitators: a partner may neither add nor remove staff.
    if (input.facilitatorIds && !ctx.caller.can(Permission.FacilitatorAssign)) {
      throw badInput('facilitatorIds', 'facilitators are staff; a partner cannot assign or remove them');
    }
    return {
      ...defaults,
      title: validate.requiredText('title', input.title ?? ''),
      format: input.format,
      ...(input.status ? { status: input.status } : {}),
      startsAt,
      endsAt,
      areaId: validate.optionalId('areaId', input.areaId),
      venue: validate.optionalText('venue', input.venue),
      audience: validate.optionalText('audience', input.audience),
      organisationId,
      headcount: validate.nonNegativeInt('headcount', input.headcount, LIMITS.headcount),
    };
  }

  private async checkReferences(
    ctx: RequestContext,
    values: { areaId: string | null; organisationId: string | null },
    facilitatorIds: string[] | null | undefined,
  ): Promise<void> {
    if (values.areaId) {
      const [area] = await ctx.query(`SELECT 1 FROM areas WHERE id = $1`, [values.areaId]);
      if (!area) throw notFound('Area', 'areaId');
    }
    if (values.organisationId) {
      const [org] = await ctx.query(`SELECT 1 FROM organisations WHERE id = $1`, [values.organisationId]);
      if (!org) throw notFound('Organisation', 'organisationId');
    }
    const ids = validate.distinct(
      'facilitatorIds',
      (facilitatorIds ?? []).map((id, i) => validate.id(`facilitatorIds.${i}`, id)),
    );
    if (ids.length) {
      const staff = await ctx.query<{ id: string }>(
        `SELECT id FROM users WHERE id = ANY($1) AND role = ANY($2) AND disabled_at IS NULL`,
        [ids, STAFF_ROLES],
      );
      const found = new Set(staff.map((row) => row.id));
      const missing = ids.findIndex((id) => !found.has(id));
      if (missing >= 0) throw notFound('Facilitator (an active staff user)', `facilitatorIds.${missing}`);
    }
  }

  private async setFacilitators(ctx: RequestContext, sessionId: string, facilitatorIds: string[] | null | undefined) {
    if (!facilitatorIds?.length) return;
    await ctx.query(`INSERT INTO session_facilitators (session_id, user_id) SELECT $1, unnest($2::uuid[])`, [
      sessionId,
      facilitatorIds.map((id) => id.toLowerCase()),
    ]);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Sessions in reach by id. */
export const sessionsByIds: ReadByIds<Session> = {
  sql: (ctx, ids, params) =>
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ANY(${ids}) AND ${reachSql.sessions(ctx, 's', params)}`,
  map: (row) => toSession(row as SessionRow),
};
