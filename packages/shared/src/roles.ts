import { Role } from './enums.js';

/**
 * The contract's role table as the sets of roles each kind of operation allows. The server
 * enforces these; the admin app offers only what they allow.
 */
export const ROLE_SETS = {
  admin: [Role.ADMIN],
  /** Record participants, consents and responses; edit, hold or cancel a session. */
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

export type Capability = keyof typeof ROLE_SETS;

/** Whether `role` may do what `capability` covers. */
export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role !== null && role !== undefined && (ROLE_SETS[capability] as readonly Role[]).includes(role);
}
