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
  ObjectType,
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

@InputType({ description: "A user's new role." })
class ChangeUserRoleInput {
  @Field(() => ID, { description: 'The user to change.' })
  id!: string;

  @Field(() => Role, { description: 'Any role but COUNCIL_READER, which is for API keys.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required for PARTNER, refused for any other role.' })
  organisationId?: string | null;
}

@ObjectType({ description: 'A password reset: the temporary password, shown once.' })
class PasswordResetPayload {
  @Field(() => User, { description: 'The user, who must set a new password at their next sign-in.' })
  user!: User;

  @Field(() => String, {
    description:
      'Give it to the user privately; Chorus keeps only its hash and never shows it again. Signed in with it, they may only `changePassword`.',
  })
  temporaryPassword!: string;
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

  @Authorized(Permission.UserManage)
  @Mutation(() => User, {
    description:
      "Changes a user's role (admin); their open sessions carry on under the new role at once. BAD_USER_INPUT on role when it would leave no active admin.",
  })
  changeUserRole(
    @Arg('input', () => ChangeUserRoleInput, { description: 'The user and their new role.' })
    input: ChangeUserRoleInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.changeRole(req, input);
  }

  @Authorized(Permission.UserManage)
  @Mutation(() => PasswordResetPayload, {
    description:
      "Resets a user's password to a temporary one (admin): every session of theirs ends, and at their next sign-in they must set a new password. Not yourself.",
  })
  resetUserPassword(
    @Arg('id', () => ID, { description: 'The user whose password is reset.' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.users.resetPassword(req, id);
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
