import type { Role } from '@chorus/shared';
import type { AuthChecker } from 'type-graphql';
import { requireRole } from '../auth/roles.js';
import { unauthenticated } from '../common/errors.js';
import type { GraphQLContext } from './context.js';

/**
 * `@Authorized(...roles)`: UNAUTHENTICATED without an actor, FORBIDDEN with the wrong role.
 * A bare `@Authorized()` admits any signed-in caller.
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  if (!context.req.actor) throw unauthenticated();
  if (roles.length) requireRole(context.req.actor, roles);
  return true;
};
