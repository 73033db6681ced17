import type { Permission } from '@chorus/shared';
import type { AuthChecker } from 'type-graphql';
import { unauthenticated } from '../common/errors.js';
import type { GraphQLContext } from './context.js';

/**
 * `@Authorized(Permission.X, …)`: UNAUTHENTICATED for an anonymous caller, FORBIDDEN unless the
 * role table grants every permission listed. A bare `@Authorized()` admits any signed-in caller.
 */
export const authChecker: AuthChecker<GraphQLContext, Permission> = ({ context }, permissions) => {
  if (!context.req.caller.authenticated) throw unauthenticated();
  for (const permission of permissions) context.req.require(permission);
  return true;
};
