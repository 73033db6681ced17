import { Role } from '@chorus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../db/request-context.js';

/**
 * Tenancy, applied in every query that reaches sessions or what hangs off them: a partner
 * reaches its organisation's sessions, a facilitator the sessions they facilitate.
 * `sessionAlias` is any SQL expression yielding the session row's alias.
 */
export function scopeToSessions<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  sessionAlias: string,
  actor: Actor | null,
): SelectQueryBuilder<T> {
  switch (actor?.role) {
    case Role.ADMIN:
    case Role.COORDINATOR:
    case Role.ANALYST:
      return query;
    case Role.PARTNER:
      return query.andWhere(`${sessionAlias}.organisation_id = :scopeOrganisationId`, {
        scopeOrganisationId: actor.organisationId,
      });
    case Role.FACILITATOR:
      return query.andWhere(
        `EXISTS (SELECT 1 FROM session_facilitators sf WHERE sf.session_id = ${sessionAlias}.id AND sf.user_id = :scopeUserId)`,
        { scopeUserId: actor.userId },
      );
    default:
      return query.andWhere('false');
  }
}

/** The same rule for participants: by the organisation or session they were registered through. */
export function scopeToParticipants<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  participantAlias: string,
  actor: Actor | null,
): SelectQueryBuilder<T> {
  switch (actor?.role) {
    case Role.ADMIN:
    case Role.COORDINATOR:
      return query;
    case Role.PARTNER:
      return query.andWhere(`${participantAlias}.organisation_id = :scopeOrganisationId`, {
        scopeOrganisationId: actor.organisationId,
      });
    case Role.FACILITATOR:
      return query.andWhere(
        `EXISTS (SELECT 1 FROM session_facilitators sf WHERE sf.session_id = ${participantAlias}.session_id AND sf.user_id = :scopeUserId)`,
        { scopeUserId: actor.userId },
      );
    default:
      return query.andWhere('false');
  }
}
