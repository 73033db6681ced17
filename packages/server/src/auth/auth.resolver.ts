import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { User } from '../users/user.entity.js';

@ObjectType({ description: 'A signed-in session.' })
class LoginPayload {
  @Field(() => String, {
    description:
      'Send as `Authorization: Bearer <token>`. Ends at `expiresAt`, on `logout`, when the password changes or when the user is disabled.',
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
      description:
        "The user's password. Attempts are throttled per address and per email from one address (RATE_LIMITED, HTTP 429 with Retry-After); see docs/api.md.",
    })
    password: string,
    @Ctx() { req, services, ip }: GraphQLContext,
  ): Promise<LoginPayload> {
    return services.auth.login(req, email, password, ip);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Ends the session of the token sent with this request, for good: the token is refused from now on. True when the session was open. API keys are revoked instead (FORBIDDEN).',
  })
  logout(@Ctx() { req, services, authorization }: GraphQLContext): Promise<boolean> {
    return services.auth.logout(req, authorization);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes your password; every session token issued before stops working.' })
  changePassword(
    @Arg('currentPassword', () => String, { description: 'Your current password; BAD_USER_INPUT when wrong.' })
    currentPassword: string,
    @Arg('newPassword', () => String, {
      description:
        'The new password: 12 to 1,024 characters and not easy to guess (common passwords, words with few changes, your email); BAD_USER_INPUT otherwise.',
    })
    newPassword: string,
    @Ctx() { req, services }: GraphQLContext,
  ): Promise<User> {
    return services.auth.changePassword(req, currentPassword, newPassword);
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user; null for API keys and anonymous callers.' })
  async me(@Ctx() { req, loaders }: GraphQLContext): Promise<User | null> {
    return req.caller.userId ? loaders.user.load(req.caller.userId) : null;
  }
}
