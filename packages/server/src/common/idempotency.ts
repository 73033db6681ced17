import type { Caller } from '../access/caller.js';

/** Idempotency keys belong to a partner organisation, or to one staff member: never shared across tenants. */
export function idempotencyScope(caller: Caller): string {
  return caller.organisationId ? `organisation:${caller.organisationId}` : `user:${caller.userId}`;
}
