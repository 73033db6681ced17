import { Sector, Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from './organisation.entity.js';

const OrganisationConnection = Connection(Organisation, 'Organisation');

@InputType({ description: 'A new partner organisation.' })
class CreateOrganisationInput {
  @Field(() => String, { description: 'Unique, ignoring case; at most 200 characters.' })
  name!: string;

  @Field(() => Sector, { description: 'The sector it works in.' })
  sector!: Sector;
}

@Resolver(() => Organisation)
export class OrganisationsResolver {
  @Authorized(Permission.OrganisationManage)
  @Mutation(() => Organisation, { description: 'Adds a partner organisation (admin).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput, { description: 'The organisation to add.' })
    input: CreateOrganisationInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.organisations.create(req, input);
  }

  @Authorized(Permission.OrganisationRead)
  @Query(() => OrganisationConnection, {
    complexity: pagedComplexity,
    description: 'Partner organisations by name; a partner sees only its own.',
  })
  organisations(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.organisations.list(req, page);
  }
}
