import type { Role } from '@chorus/shared';
import type { AuthChecker } from 'type-graphql';
import { requireRole } from '../auth/roles.js';
import type { GraphQLContext } from './context.js';

/** `@Authorized(...roles)`: UNAUTHENTICATED without an actor, FORBIDDEN with the wrong role. */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  requireRole(context.req.actor, roles);
  return true;
};
