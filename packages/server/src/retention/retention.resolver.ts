import { Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Engagement } from '../engagements/engagement.entity.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { RetentionRun } from './retention-run.entity.js';

const RetentionRunConnection = Connection(RetentionRun, 'RetentionRun');

@Resolver()
export class RetentionResolver {
  @Authorized(Permission.RetentionManage)
  @Mutation(() => Engagement, {
    description:
      'Sets the retention date (YYYY-MM-DD; null clears it): from the day after, contact details and special-category data are deleted by a job (audited).',
  })
  setRetentionDate(
    @Arg('retentionDate', () => String, {
      nullable: true,
      description: 'On or after the last day of listening, and within 10 years; null to clear.',
    })
    retentionDate: string | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.retention.setRetentionDate(req, retentionDate);
  }

  @Authorized(Permission.RetentionManage)
  @Query(() => RetentionRunConnection, {
    complexity: pagedComplexity,
    description: 'What the retention job deleted, newest run first: counts only.',
  })
  retentionRuns(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.retention.runs(req, page);
  }
}
