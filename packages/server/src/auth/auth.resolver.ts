import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { User } from '../users/user.entity.js';

@ObjectType({ description: 'A signed-in session.' })
class LoginPayload {
  @Field(() => String, {
    description: 'Send as `Authorization: Bearer <token>`. Ends at `expiresAt` or when the password changes.',
  })
  token!: string;

  @Field(() => Date, { description: 'When the token expires: 12 hours after sign-in.' })
  expiresAt!: Date;

  @Field(() => User, { description: 'The user now signed in.' })
  user!: User;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, { description: 'Signs a staff or partner user in.' })
  login(
    @Arg('email', () => String, { description: "The user's email, ignoring case." }) email: string,
    @Arg('password', () => String, {
      description: "The user's password. Repeated failures for one email bring RATE_LIMITED for up to 15 minutes.",
    })
    password: string,
    @Ctx() { req, services }: GraphQLContext,
  ): Promise<LoginPayload> {
    return services.auth.login(req, email, password);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes your password; every session token issued before stops working.' })
  changePassword(
    @Arg('currentPassword', () => String, { description: 'Your current password; BAD_USER_INPUT when wrong.' })
    currentPassword: string,
    @Arg('newPassword', () => String, { description: 'The new password: 12 to 1,024 characters.' }) newPassword: string,
    @Ctx() { req, services }: GraphQLContext,
  ): Promise<User> {
    return services.auth.changePassword(req, currentPassword, newPassword);
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user; null for API keys and anonymous callers.' })
  async me(@Ctx() { req, loaders }: GraphQLContext): Promise<User | null> {
    return req.caller.userId ? loaders.user.load(req.caller.userId) : null;
  }
}
