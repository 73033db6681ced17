import type { Role } from '@chorus/shared';
import type { Actor } from '../db/request-context.js';
import { forbidden, unauthenticated } from '../common/errors.js';

/** The actor, or UNAUTHENTICATED; then FORBIDDEN unless its role is one of `allowed`. */
export function requireRole(actor: Actor | null, allowed: readonly Role[]): Actor {
  if (!actor) throw unauthenticated();
  if (!allowed.includes(actor.role)) throw forbidden();
  return actor;
}
