import { Sector, Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
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

@InputType({ description: 'Changes to a partner organisation; a field left out stays as it is.' })
class UpdateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'New name; unique, ignoring case. Cannot be cleared.' })
  name?: string | null;

  @Field(() => Sector, { nullable: true, description: 'The sector it works in. Cannot be cleared.' })
  sector?: Sector | null;
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

  @Authorized(Permission.OrganisationManage)
  @Mutation(() => Organisation, {
    description: 'Renames a partner organisation or changes its sector (admin, audited).',
  })
  updateOrganisation(
    @Arg('id', () => ID, { description: 'The organisation to change.' }) id: string,
    @Arg('input', () => UpdateOrganisationInput, { description: 'What changes.' }) input: UpdateOrganisationInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.organisations.update(req, id, input);
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
