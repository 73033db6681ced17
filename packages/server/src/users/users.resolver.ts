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

  @Field(() => String, {
    description:
      'At least 12 characters and not easy to guess (common passwords, keyboard runs, the email or name); BAD_USER_INPUT otherwise.',
  })
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

  @Authorized(Permission.UserManage)
  @Mutation(() => User, {
    description:
      'Disables a user (admin): they can no longer sign in, and every session of theirs ends at once. Not yourself.',
  })
  disableUser(
    @Arg('id', () => ID, { description: 'The user to disable.' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.setDisabled(req, id, true);
  }

  @Authorized(Permission.UserManage)
  @Mutation(() => User, {
    description: 'Re-enables a disabled user (admin): they may sign in again; sessions ended by disabling stay ended.',
  })
  enableUser(
    @Arg('id', () => ID, { description: 'The user to re-enable.' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.setDisabled(req, id, false);
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
