import { Permission } from '@chorus/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Response } from '../responses/response.entity.js';
import { Theme } from '../themes/theme.entity.js';
import {
  SuggestionRun,
  SuggestionRunKind,
  SuggestionRunStatus,
  ThemeCandidate,
  ThemeSuggestion,
  ThemeSuggestionRejection,
} from './suggestion.types.js';

@InputType({ description: 'Makes a candidate theme a theme of the codebook.' })
class CreateThemeFromCandidateInput {
  @Field(() => ID, { description: 'The candidate (UUID).' })
  candidateId!: string;

  @Field(() => String, { description: "The new theme's name (unique among its siblings)." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the theme covers.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its parent theme; absent for the top of the tree.' })
  parentId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Also code the candidate's example responses to the new theme (needs coding.edit).",
  })
  codeExamples!: boolean;
}

@InputType({ description: 'A suggested theme turned down for a response.' })
class RejectThemeSuggestionInput {
  @Field(() => ID, { description: 'The response (UUID).' })
  responseId!: string;

  @Field(() => ID, { description: 'The theme suggested (UUID).' })
  themeId!: string;

  @Field(() => Int, { description: "The suggestion's modelVersion." })
  modelVersion!: number;
}

@Resolver()
export class SuggestionsResolver {
  @Authorized(Permission.SuggestionRead)
  @Query(() => [ThemeSuggestion], {
    description:
      'Up to three themes the response is not yet coded to, most likely first, from the newest suggestion model ' +
      'of the engagement; empty before one is trained (staff only).',
  })
  themeSuggestions(
    @Arg('responseId', () => ID, { description: 'The response (UUID).' }) responseId: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.suggestions.forResponse(req, responseId);
  }

  @Authorized(Permission.SuggestionRead)
  @Query(() => SuggestionRun, {
    nullable: true,
    description: 'The newest run of a suggestion job, with its progress; null before the first.',
  })
  suggestionRun(
    @Arg('kind', () => SuggestionRunKind, { description: 'Which job.' }) kind: SuggestionRunKind,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.suggestionRuns.latest(req, kind);
  }

  @Authorized(Permission.SuggestionRead)
  @Mutation(() => ThemeSuggestionRejection, {
    description:
      'Rejects a suggested theme for a response (needs coding.edit too): it is not suggested for that response ' +
      'again, to anyone; rejecting it again returns the first rejection.',
  })
  rejectThemeSuggestion(
    @Arg('input', () => RejectThemeSuggestionInput, { description: 'The response, theme and model version.' })
    input: RejectThemeSuggestionInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.suggestions.reject(req, input);
  }

  @Authorized(Permission.SuggestionRead)
  @Query(() => SuggestionRun, {
    nullable: true,
    description: 'The newest READY suggestion model, the one suggesting themes now; null before the first.',
  })
  suggestionModel(@Ctx() { req, services }: GraphQLContext) {
    return services.suggestionRuns.readyModel(req);
  }

  @Authorized(Permission.SuggestionTrain)
  @Mutation(() => SuggestionRun, {
    description:
      'Queues training of a new suggestion model on the codings (it also retrains by itself once enough codings ' +
      'changed); a run already waiting or running is returned instead.',
  })
  trainSuggestionModel(@Ctx() { req, services }: GraphQLContext) {
    return services.suggestions.requestModel(req);
  }

  @Authorized(Permission.SuggestionTrain)
  @Mutation(() => SuggestionRun, {
    description:
      'Queues grouping of the uncoded responses into candidate themes; a run already waiting or running is returned.',
  })
  findThemeCandidates(@Ctx() { req, services }: GraphQLContext) {
    return services.suggestions.requestCandidates(req);
  }

  @Authorized(Permission.CodebookEdit)
  @Mutation(() => Theme, {
    description: 'Creates a theme from a candidate, optionally coding its example responses to it, in one step.',
  })
  createThemeFromCandidate(
    @Arg('input', () => CreateThemeFromCandidateInput, { description: 'The candidate and the new theme.' })
    input: CreateThemeFromCandidateInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.suggestions.createFromCandidate(req, input);
  }
}

@Resolver(() => SuggestionRun)
export class SuggestionRunsResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'READY MODEL: codings added or removed since it read them (it retrains once enough have); else null.',
  })
  codingsChangedSince(@Root() run: SuggestionRun, @Ctx() { req, services }: GraphQLContext) {
    if (run.kind !== SuggestionRunKind.MODEL || run.status !== SuggestionRunStatus.READY) return null;
    return services.suggestionRuns.codingsChangedSince(req, run);
  }

  @FieldResolver(() => [ThemeCandidate], {
    description: 'CANDIDATES: the groups found, largest first (at most twelve); empty for MODEL.',
  })
  candidates(@Root() run: SuggestionRun, @Ctx() { req, services }: GraphQLContext) {
    return run.kind === SuggestionRunKind.CANDIDATES ? services.suggestions.candidates(req, run) : [];
  }
}

@Resolver(() => ThemeSuggestion)
export class ThemeSuggestionsResolver {
  @FieldResolver(() => Theme, { description: 'The theme suggested.' })
  theme(@Root() suggestion: ThemeSuggestion, @Ctx() { loaders }: GraphQLContext) {
    return loaders.theme.load(suggestion.themeId);
  }
}

@Resolver(() => ThemeSuggestionRejection)
export class ThemeSuggestionRejectionsResolver {
  @FieldResolver(() => Theme, { description: 'The theme rejected.' })
  theme(@Root() rejection: ThemeSuggestionRejection, @Ctx() { loaders }: GraphQLContext) {
    return loaders.theme.load(rejection.themeId);
  }
}

@Resolver(() => ThemeCandidate)
export class ThemeCandidatesResolver {
  @FieldResolver(() => [Response], {
    description: 'Up to five responses nearest its centre, nearest first; erased ones are gone.',
  })
  async examples(@Root() candidate: ThemeCandidate, @Ctx() { loaders }: GraphQLContext) {
    const found = await loaders.response.loadMany(candidate.exampleResponseIds);
    return found.filter((r): r is Response => r !== null && !(r instanceof Error));
  }

  @FieldResolver(() => Theme, { nullable: true, description: 'The theme made from it, once made.' })
  theme(@Root() candidate: ThemeCandidate, @Ctx() { loaders }: GraphQLContext) {
    return candidate.themeId ? loaders.theme.load(candidate.themeId) : null;
  }
}
