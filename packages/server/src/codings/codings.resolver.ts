import { Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Response } from '../responses/response.entity.js';
import { Theme } from '../themes/theme.entity.js';
import { User } from '../users/user.entity.js';
import { Coding } from './coding.entity.js';

@InputType({ description: 'Codes a response, or an excerpt of it, to a theme.' })
class CodeResponseInput {
  @Field(() => ID, { description: 'The response to code (UUID).' })
  responseId!: string;

  @Field(() => ID, { description: 'The theme to code it to (UUID).' })
  themeId!: string;

  @Field(() => String, { nullable: true, description: 'A passage that occurs in the response text, exactly.' })
  excerpt?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "When accepting a theme suggestion: the suggestion's modelVersion, recorded with the coding.",
  })
  suggestionModelVersion?: number | null;
}

@Resolver(() => Coding)
export class CodingsResolver {
  @Authorized(Permission.CodingEdit)
  @Mutation(() => Coding, {
    description: 'Codes a response to a theme; coding the same thing twice returns the first coding.',
  })
  codeResponse(
    @Arg('input', () => CodeResponseInput, { description: 'What to code, and to which theme.' })
    input: CodeResponseInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.codings.code(req, input);
  }

  @Authorized(Permission.CodingEdit)
  @Mutation(() => ID, { description: 'Removes a coding; returns its id.' })
  uncodeResponse(
    @Arg('id', () => ID, { description: 'The coding to remove (UUID).' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.codings.uncode(req, id);
  }

  @FieldResolver(() => Theme, { description: 'The theme it is coded to.' })
  theme(@Root() coding: Coding, @Ctx() { loaders }: GraphQLContext) {
    return loaders.theme.load(coding.themeId);
  }

  @FieldResolver(() => Response, { description: 'The response it codes.' })
  response(@Root() coding: Coding, @Ctx() { loaders }: GraphQLContext) {
    return loaders.response.load(coding.responseId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who coded it.' })
  coder(@Root() coding: Coding, @Ctx() { loaders }: GraphQLContext) {
    return coding.coderUserId ? loaders.user.load(coding.coderUserId) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who accepted the suggestion it came from; null otherwise.',
  })
  acceptedBy(@Root() coding: Coding, @Ctx() { loaders }: GraphQLContext) {
    return coding.acceptedByUserId ? loaders.user.load(coding.acceptedByUserId) : null;
  }
}
