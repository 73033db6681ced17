import { Permission } from '@chorus/shared';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Engagement } from './engagement.entity.js';

@Resolver(() => Engagement)
export class EngagementsResolver {
  @Authorized(Permission.ReferenceRead)
  @Query(() => Engagement, { description: 'The listening exercise this install runs.' })
  engagement(@Ctx() { req, services }: GraphQLContext) {
    return services.engagements.current(req);
  }
}
