import { Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Release } from './release.entity.js';
import { ReleaseFrequency, ReleaseRun, ReleaseSchedule } from './release-schedule.entity.js';

const ReleaseRunConnection = Connection(ReleaseRun, 'ReleaseRun');

@Resolver(() => ReleaseSchedule)
export class ReleaseScheduleResolver {
  @Authorized(Permission.ReleaseRead)
  @Query(() => ReleaseSchedule, { description: 'When Chorus cuts a release by itself, and when one is next due.' })
  releaseSchedule(@Ctx() { req, services }: GraphQLContext) {
    return services.releaseSchedule.get(req);
  }

  @Authorized(Permission.ReleasePublish)
  @Mutation(() => ReleaseSchedule, {
    description:
      'Sets the release schedule (coordinator; audited). A due release is cut only if figures changed and at ' +
      'least the threshold of people changed since the last; otherwise the run is recorded as skipped.',
  })
  setReleaseSchedule(
    @Arg('frequency', () => ReleaseFrequency, { description: 'NONE, DAILY or WEEKLY.' }) frequency: ReleaseFrequency,
    @Arg('time', () => String, { nullable: true, description: 'HH:MM in Europe/London; 06:00 by default.' })
    time: string | null,
    @Arg('weekday', () => Int, { nullable: true, description: 'WEEKLY only: 1 (Monday) to 7 (Sunday).' })
    weekday: number | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.releaseSchedule.setSchedule(req, { frequency, time, weekday });
  }

  @Authorized(Permission.ReleasePublish)
  @Query(() => ReleaseRunConnection, {
    complexity: pagedComplexity,
    description: "The schedule's runs, newest due time first: what each cut or skipped, and why (staff).",
  })
  releaseRuns(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.releaseSchedule.runs(req, page);
  }
}

@Resolver(() => ReleaseSchedule)
export class ReleaseScheduleFieldsResolver {
  @Authorized(Permission.ReleasePublish)
  @FieldResolver(() => Int, {
    description:
      'People with responses added, coded or withdrawn since the last release (staff only): a scheduled release ' +
      'waits until this reaches minimumChangedPeople.',
  })
  changedPeople(@Ctx() { req, services }: GraphQLContext) {
    return services.releaseSchedule.changedSinceLastRelease(req);
  }
}

@Resolver(() => ReleaseRun)
export class ReleaseRunsResolver {
  @Authorized(Permission.ReleasePublish)
  @FieldResolver(() => Release, { nullable: true, description: 'The release it cut, if any.' })
  release(@Root() run: ReleaseRun, @Ctx() { req, services }: GraphQLContext) {
    return run.releaseId ? services.releases.byId(req, run.releaseId) : null;
  }
}
