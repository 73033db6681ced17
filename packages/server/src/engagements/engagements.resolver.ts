import { Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Engagement } from './engagement.entity.js';

@InputType({ description: 'Changes to the engagement; a field left out stays as it is.' })
class UpdateEngagementInput {
  @Field(() => String, { nullable: true, description: 'The exercise as the public knows it; cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'First day of listening (YYYY-MM-DD); null clears it.' })
  startsOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of listening (YYYY-MM-DD), not before startsOn; null clears it.',
  })
  endsOn?: string | null;
}

@Resolver(() => Engagement)
export class EngagementsResolver {
  @Authorized(Permission.ReferenceRead)
  @Query(() => Engagement, { description: 'The listening exercise this install runs.' })
  engagement(@Ctx() { req, services }: GraphQLContext) {
    return services.engagements.current(req);
  }

  @Authorized(Permission.EngagementManage)
  @Mutation(() => Engagement, {
    description: 'Renames the engagement or changes its listening period (admin, audited).',
  })
  updateEngagement(
    @Arg('input', () => UpdateEngagementInput, { description: 'What changes.' }) input: UpdateEngagementInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.engagements.update(req, input);
  }

  @Authorized(Permission.EngagementManage)
  @Mutation(() => Engagement, {
    description:
      'Adds a privacy-notice version, which becomes the current one consent forms offer (admin, audited). At most 50 characters; BAD_USER_INPUT when already listed.',
  })
  addNoticeVersion(
    @Arg('version', () => String, { description: 'The new version’s label, e.g. "v2 (September 2026)".' })
    version: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.engagements.addNoticeVersion(req, version);
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
