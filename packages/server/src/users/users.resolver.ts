import { Role, Permission } from '@chorus/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from './user.entity.js';

const UserConnection = Connection(User, 'User');

@InputType({ description: 'A new staff or partner user.' })
class CreateUserInput {
  @Field(() => String, { description: 'Sign-in email; unique, ignoring case.' })
  email!: string;

  @Field(() => String, { description: 'The name shown in the admin app; at most 200 characters.' })
  displayName!: string;

  @Field(() => Role, { description: 'Any role but COUNCIL_READER, which is for API keys.' })
  role!: Role;

  @Field(() => String, { description: 'At least 12 characters.' })
  password!: string;

  @Field(() => ID, { nullable: true, description: 'Required for PARTNER users.' })
  organisationId?: string | null;
}

@Resolver(() => User)
export class UsersResolver {
  @Authorized(Permission.UserManage)
  @Mutation(() => User, { description: 'Creates a user (admin).' })
  createUser(
    @Arg('input', () => CreateUserInput, { description: 'The user to create.' }) input: CreateUserInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.create(req, input);
  }

  @Authorized(Permission.UserList)
  @Query(() => UserConnection, {
    complexity: pagedComplexity,
    description: 'Users, newest first (admins and coordinators, who assign facilitators).',
  })
  users(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('roles', () => [Role], { nullable: true, description: 'Only users with one of these roles.' })
    roles: Role[] | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.list(req, roles, page);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The partner organisation of a PARTNER user.' })
  organisation(@Root() user: User, @Ctx() { loaders }: GraphQLContext) {
    return user.organisationId ? loaders.organisation.load(user.organisationId) : null;
  }
}
