import { Permission, Role } from '@chorus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../db/request-context.js';
import type { Caller } from './caller.js';

/**
 * Tenancy: which rows of the fieldwork a caller reaches. Every lookup of sessions, participants,
 * responses, codings, consents, contacts and themes goes through this module, nested ones too,
 * so a field reached through a parent is filtered exactly as if it were asked for directly; and
 * every one is confined to the request's engagement.
 *
 * - `all`: every row of the engagement;
 * - `organisation`: the rows of the caller's own organisation (partners);
 * - `facilitated`: the rows of the sessions the caller facilitates (facilitators);
 * - `questionnaire`: the rows of the public questionnaire's own sessions (a resident answering it);
 * - `none`: no row.
 */
type Reach = 'all' | 'organisation' | 'facilitated' | 'questionnaire' | 'none';

/** Sessions, and what was heard at them (responses and their codings). */
const SESSION_REACH: Readonly<Record<Role, Reach>> = {
  [Role.ADMIN]: 'all',
  [Role.COORDINATOR]: 'all',
  [Role.ANALYST]: 'all',
  [Role.FACILITATOR]: 'facilitated',
  [Role.PARTNER]: 'organisation',
  [Role.COUNCIL_READER]: 'none',
  [Role.SAFEGUARDING_LEAD]: 'all',
};

/** People: participants, their consent ledger and contact details. Analysts work on text, not people. */
const PARTICIPANT_REACH: Readonly<Record<Role, Reach>> = {
  ...SESSION_REACH,
  [Role.ANALYST]: 'none',
  [Role.SAFEGUARDING_LEAD]: 'none',
};

function reachOf(caller: Caller, table: Readonly<Record<Role, Reach>>): Reach {
  if (caller.kind === 'system') return 'all';
  if (caller.kind === 'resident') return 'questionnaire';
  return caller.authenticated && caller.role ? table[caller.role] : 'none';
}

/**
 * The organisation a caller's writes are confined to: a partner's sessions, registrations and
 * batches are always its own organisation's, whatever the input says. Null for staff.
 */
export function ownOrganisation(caller: Caller): string | null {
  return reachOf(caller, SESSION_REACH) === 'organisation' ? caller.organisationId : null;
}

/** Whether the caller reaches only the sessions they facilitate (so must name one to work at). */
export function confinedToFacilitatedSessions(caller: Caller): boolean {
  return reachOf(caller, SESSION_REACH) === 'facilitated';
}

interface Columns {
  /** SQL for the row's organisation. */
  organisationId: string;
  /** SQL for the session the row belongs to. */
  sessionId: string;
  /** SQL for the row's engagement. */
  engagementId: string;
}

/** Turns a named value into a placeholder of the statement being built. */
type Bind = (name: string, value: unknown) => string;

/** The one rule, as SQL over `columns`: the condition a row must meet to be in reach. */
function reachCondition(ctx: RequestContext, columns: Columns, reach: Reach, bind: Bind): string {
  // Bound only where used: a positional parameter the statement never mentions has no type, and
  // PostgreSQL refuses the whole statement.
  if (reach === 'none') return 'false';
  const engagement = `${columns.engagementId} = ${bind('tenancyEngagementId', ctx.engagementId)}`;
  switch (reach) {
    case 'all':
      return engagement;
    case 'organisation':
      return `${engagement} AND ${columns.organisationId} = ${bind('tenancyOrganisationId', ctx.caller.organisationId)}`;
    case 'facilitated':
      return `${engagement} AND EXISTS (SELECT 1 FROM session_facilitators tenancy_sf WHERE tenancy_sf.session_id = ${columns.sessionId} AND tenancy_sf.user_id = ${bind('tenancyUserId', ctx.caller.userId)})`;
    case 'questionnaire':
      return `${engagement} AND EXISTS (SELECT 1 FROM questionnaire_sessions tenancy_qs WHERE tenancy_qs.session_id = ${columns.sessionId})`;
  }
}

function scope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  ctx: RequestContext,
  columns: Columns,
  reach: Reach,
): SelectQueryBuilder<T> {
  const condition = reachCondition(ctx, columns, reach, (name, value) => {
    query.setParameter(name, value);
    return `:${name}`;
  });
  return query.andWhere(condition);
}

/**
 * Tenancy for statements written in SQL (batched reads): the conditions `scopeSessions` and
 * `scopeParticipants` add, with their values appended to `params` as positional parameters.
 */
export const reachSql = {
  /** Sessions in reach; `alias` names the session row. */
  sessions(ctx: RequestContext, alias: string, params: unknown[]): string {
    return reachCondition(ctx, sessionColumns(alias), reachOf(ctx.caller, SESSION_REACH), positional(params));
  },
  /** Participants in reach; `alias` names the participant row. */
  participants(ctx: RequestContext, alias: string, params: unknown[]): string {
    return reachCondition(ctx, participantColumns(alias), reachOf(ctx.caller, PARTICIPANT_REACH), positional(params));
  },
  /** Themes of the request's engagement. */
  themes(ctx: RequestContext, alias: string, params: unknown[]): string {
    return `${alias}.engagement_id = ${positional(params)('tenancyEngagementId', ctx.engagementId)}`;
  },
  /** Organisations: a partner sees only its own. */
  organisations(ctx: RequestContext, alias: string, params: unknown[]): string {
    const own = ownOrganisation(ctx.caller);
    return own ? `${alias}.id = ${positional(params)('tenancyOrganisationId', own)}` : 'true';
  },
};

function positional(params: unknown[]): Bind {
  return (_name, value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

function sessionColumns(alias: string): Columns {
  return {
    organisationId: `${alias}.organisation_id`,
    sessionId: `${alias}.id`,
    engagementId: `${alias}.engagement_id`,
  };
}

function participantColumns(alias: string): Columns {
  return {
    organisationId: `${alias}.organisation_id`,
    sessionId: `${alias}.session_id`,
    engagementId: `${alias}.engagement_id`,
  };
}

/** Sessions the caller may reach; `alias` names the session row. */
export function scopeSessions<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
) {
  return scope(query, ctx, sessionColumns(alias), reachOf(ctx.caller, SESSION_REACH));
}

/** Participants the caller may reach, by the organisation or session they were registered through. */
export function scopeParticipants<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
) {
  return scope(query, ctx, participantColumns(alias), reachOf(ctx.caller, PARTICIPANT_REACH));
}

/** Responses (and so their codings) the caller may reach: those heard at a session in reach. */
export function scopeResponses<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
) {
  const session = `${alias}_session`;
  return scopeSessions(query.innerJoin('sessions', session, `${session}.id = ${alias}.session_id`), session, ctx);
}

/** Themes of the request's engagement: the codebook is shared by everyone allowed to read it. */
export function scopeThemes<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, ctx: RequestContext) {
  return query.andWhere(`${alias}.engagement_id = :tenancyEngagementId`, { tenancyEngagementId: ctx.engagementId });
}

/**
 * Board reports of the request's engagement: those who build reports see every version; any other
 * reader (a council key) only the versions a coordinator has published.
 */
export function scopeReports<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
) {
  query.andWhere(`${alias}.engagement_id = :tenancyEngagementId`, { tenancyEngagementId: ctx.engagementId });
  return ctx.caller.can(Permission.ReportBuild) ? query : query.andWhere(`${alias}.published_at IS NOT NULL`);
}

/** Organisations: a partner sees only its own. */
export function scopeOrganisations<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
) {
  const own = ownOrganisation(ctx.caller);
  return own ? query.andWhere(`${alias}.id = :tenancyOrganisationId`, { tenancyOrganisationId: own }) : query;
}

const SCOPES = {
  sessions: scopeSessions,
  participants: scopeParticipants,
  responses: scopeResponses,
  themes: scopeThemes,
} as const;

/**
 * Of `ids`, those the caller reaches in `table`. For lookups written in SQL of their own
 * (counts, ledgers, batch loads keyed by a parent id): they narrow their ids through this first,
 * rather than trusting that the parent was filtered.
 */
export async function reachableIds(
  ctx: RequestContext,
  table: keyof typeof SCOPES,
  ids: readonly string[],
): Promise<string[]> {
  if (!ids.length) return [];
  const alias = `reach_${table}`;
  const query = ctx.manager
    .createQueryBuilder()
    .select(`${alias}.id`, 'id')
    .from(table, alias)
    .where(`${alias}.id = ANY(:reachIds)`, { reachIds: ids });
  const rows = await SCOPES[table](query, alias, ctx).getRawMany<{ id: string }>();
  return rows.map((row) => row.id);
}
