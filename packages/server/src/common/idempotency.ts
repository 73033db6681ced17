import type { Actor } from '../db/request-context.js';

/** Idempotency keys belong to a partner organisation, or to one staff member: never shared across tenants. */
export function idempotencyScope(actor: Actor | null): string {
  return actor?.organisationId ? `organisation:${actor.organisationId}` : `user:${actor?.userId}`;
}
