import { Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { User } from '../users/user.entity.js';
import { Release, ReleaseCell, ReleaseTable } from './release.entity.js';

const ReleaseConnection = Connection(Release, 'Release');
const ReleaseCellConnection = Connection(ReleaseCell, 'ReleaseCell');

@Resolver(() => Release)
export class ReleasesResolver {
  @Authorized(Permission.ReleasePublish)
  @Mutation(() => Release, {
    description:
      'Publishes a new release of every council table (coordinator; audited). Built at once when small; otherwise ' +
      'it comes back BUILDING and a job publishes it.',
  })
  publishRelease(@Ctx() { req, services }: GraphQLContext) {
    return services.releases.publish(req);
  }

  @Authorized(Permission.ReleaseRead)
  @Query(() => ReleaseConnection, { complexity: pagedComplexity, description: 'Releases, newest first.' })
  releases(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.releases.list(req, page);
  }

  @Authorized(Permission.ReleaseRead)
  @Query(() => Release, {
    nullable: true,
    description: 'A published release: the latest unless `version` is given; null before the first.',
  })
  release(
    @Arg('version', () => Int, { nullable: true, description: 'An older release; NOT_FOUND if there is none.' })
    version: number | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.releases.find(req, version);
  }

  @Authorized(Permission.ReleaseRead)
  @FieldResolver(() => [ReleaseTable], { description: 'Its tables, in their fixed order (about twenty).' })
  tables(@Root() release: Release, @Ctx() { req, services }: GraphQLContext) {
    return services.releases.tables(req, release);
  }

  @Authorized(Permission.ReleaseRead)
  @FieldResolver(() => ReleaseTable, { description: 'One of its tables by name; NOT_FOUND lists the names there are.' })
  table(
    @Root() release: Release,
    @Arg('name', () => String, { description: 'e.g. themes-by-area.' }) name: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.releases.table(req, release, name);
  }

  @Authorized(Permission.UserList)
  @FieldResolver(() => User, { nullable: true, description: 'The staff member who published it (staff only).' })
  publishedBy(@Root() release: Release, @Ctx() { loaders }: GraphQLContext) {
    return release.requestedByUserId ? loaders.user.load(release.requestedByUserId) : null;
  }
}

@Resolver(() => ReleaseTable)
export class ReleaseTablesResolver {
  @Authorized(Permission.ReleaseRead)
  @FieldResolver(() => ReleaseCellConnection, {
    complexity: pagedComplexity,
    description: 'Its figures in export order: cells row by row, then row totals, column totals and the total.',
  })
  cells(@Root() table: ReleaseTable, @Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.releases.cells(req, table, page);
  }
}
