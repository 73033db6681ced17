import { Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Engagement } from './engagement.entity.js';

@Resolver(() => Engagement)
export class EngagementsResolver {
  @Authorized(Permission.ReferenceRead)
  @Query(() => Engagement, { description: 'The listening exercise this install runs.' })
  engagement(@Ctx() { req, services }: GraphQLContext) {
    return services.engagements.current(req);
  }

  @Authorized(Permission.DisclosureManage)
  @Mutation(() => Engagement, {
    description: 'Changes the smallest figure an aggregate releases (audited); see docs/disclosure-control.md.',
  })
  setSuppressionThreshold(
    @Arg('threshold', () => Int, { description: 'From 2 to 1000.' }) threshold: number,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.engagements.setSuppressionThreshold(req, threshold);
  }
}
