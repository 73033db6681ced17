import { Role } from '@chorus/shared';
import type { Actor } from '../db/request-context.js';
import { forbidden, unauthenticated } from '../common/errors.js';

/** The contract's role table, as the sets each kind of operation allows. */
export const ROLES = {
  admin: [Role.ADMIN],
  /** Plan sessions; record participants, consents and responses. */
  fieldwork: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.PARTNER],
  /** Read sessions and responses. */
  readResponses: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.ANALYST, Role.PARTNER],
  /** Read participants and their consent ledger. */
  readParticipants: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.PARTNER],
  /** Plan sessions; facilitators run the sessions they are given, they do not plan them. */
  planSessions: [Role.ADMIN, Role.COORDINATOR, Role.PARTNER],
  /** Build the codebook and code responses. */
  analysis: [Role.ADMIN, Role.COORDINATOR, Role.ANALYST],
  /** Read the codebook. */
  codebook: [Role.ADMIN, Role.COORDINATOR, Role.ANALYST, Role.PARTNER, Role.COUNCIL_READER],
  /** Read suppressed aggregate figures. */
  aggregates: [Role.ADMIN, Role.COORDINATOR, Role.ANALYST, Role.COUNCIL_READER],
  /** Read areas and the engagement (reference data). */
  reference: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.ANALYST, Role.PARTNER, Role.COUNCIL_READER],
  /** Read partner organisations: everyone but council systems, which see aggregates only. */
  organisations: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.ANALYST, Role.PARTNER],
  /** See the staff list, to assign facilitators. */
  people: [Role.ADMIN, Role.COORDINATOR],
  /** The staff overview of the engagement's progress. */
  overview: [Role.ADMIN, Role.COORDINATOR, Role.ANALYST],
  /** Every signed-in staff member. */
  staff: [Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.ANALYST],
} as const satisfies Record<string, readonly Role[]>;

/** The actor, or UNAUTHENTICATED; then FORBIDDEN unless its role is one of `allowed`. */
export function requireRole(actor: Actor | null, allowed: readonly Role[]): Actor {
  if (!actor) throw unauthenticated();
  if (!allowed.includes(actor.role)) throw forbidden();
  return actor;
}
