import { Role } from '@chorus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../access/caller.js';

interface TenancyColumns {
  /** SQL for the row's organisation. */
  organisationId: string;
  /** SQL for the session the row belongs to. */
  sessionId: string;
}

/**
 * Tenancy, applied in every query that reaches sessions or what hangs off them: `openRoles` see
 * every row, a partner its organisation's, a facilitator those of the sessions they facilitate,
 * anyone else none.
 */
function scope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  caller: Caller,
  columns: TenancyColumns,
  openRoles: readonly Role[],
): SelectQueryBuilder<T> {
  if (caller.kind === 'system' || (caller.role && openRoles.includes(caller.role))) return query;
  switch (caller.authenticated ? caller.role : null) {
    case Role.PARTNER:
      return query.andWhere(`${columns.organisationId} = :scopeOrganisationId`, {
        scopeOrganisationId: caller.organisationId,
      });
    case Role.FACILITATOR:
      return query.andWhere(
        `EXISTS (SELECT 1 FROM session_facilitators sf WHERE sf.session_id = ${columns.sessionId} AND sf.user_id = :scopeUserId)`,
        { scopeUserId: caller.userId },
      );
    default:
      return query.andWhere('false');
  }
}

/** Sessions (and their responses) the caller may reach; `alias` names the session row. */
export function scopeToSessions<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, caller: Caller) {
  return scope(query, caller, { organisationId: `${alias}.organisation_id`, sessionId: `${alias}.id` }, [
    Role.ADMIN,
    Role.COORDINATOR,
    Role.ANALYST,
  ]);
}

/** Participants the caller may reach, by the organisation or session they were registered through. */
export function scopeToParticipants<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  caller: Caller,
) {
  return scope(query, caller, { organisationId: `${alias}.organisation_id`, sessionId: `${alias}.session_id` }, [
    Role.ADMIN,
    Role.COORDINATOR,
  ]);
}
