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
import { Theme } from './theme.entity.js';

@InputType({ description: 'A new theme in the codebook.' })
class CreateThemeInput {
  @Field(() => String, { description: 'Unique among its siblings, ignoring case; at most 200 characters.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What belongs under the theme, for coders; at most 10,000 characters.',
  })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The parent theme; leave out for a top-level theme.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a theme; fields left out stay as they are.' })
class UpdateThemeInput {
  @Field(() => String, { nullable: true, description: 'New name; left out or null keeps the current one.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Moves the theme; null moves it to the top level.' })
  parentId?: string | null;
}

@Resolver(() => Theme)
export class ThemesResolver {
  @Authorized(Permission.CodebookRead)
  @Query(() => [Theme], { description: 'The whole codebook, by name; build the tree from `parent` or `children`.' })
  themes(@Ctx() { req, services }: GraphQLContext) {
    return services.themes.list(req);
  }

  @Authorized(Permission.CodebookEdit)
  @Mutation(() => Theme, { description: 'Adds a theme to the codebook.' })
  createTheme(
    @Arg('input', () => CreateThemeInput, { description: 'The theme to add.' }) input: CreateThemeInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.themes.create(req, input);
  }

  @Authorized(Permission.CodebookEdit)
  @Mutation(() => Theme, {
    description: 'Renames, describes or moves a theme; a move that would make a cycle is refused.',
  })
  updateTheme(
    @Arg('id', () => ID, { description: 'The theme to change (UUID).' }) id: string,
    @Arg('input', () => UpdateThemeInput, { description: 'The changes.' }) input: UpdateThemeInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.themes.update(req, id, input);
  }

  @Authorized(Permission.CodebookEdit)
  @Mutation(() => Theme, { description: 'Merges one theme into another: codings and children move, the source goes.' })
  mergeThemes(
    @Arg('sourceId', () => ID, { description: 'The theme to merge away (UUID); it is deleted.' }) sourceId: string,
    @Arg('targetId', () => ID, {
      description: 'The theme that remains (UUID); not the source nor one of its descendants.',
    })
    targetId: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.themes.merge(req, sourceId, targetId);
  }

  @FieldResolver(() => Theme, { nullable: true, description: 'The theme it sits under; null at the top level.' })
  parent(@Root() theme: Theme, @Ctx() { loaders }: GraphQLContext) {
    return theme.parentId ? loaders.theme.load(theme.parentId) : null;
  }

  @FieldResolver(() => [String], {
    description:
      'Names from the top of the codebook down to this theme, e.g. ["Transport", "Buses"]: how to show a theme, since names repeat at different levels.',
  })
  path(@Root() theme: Theme, @Ctx() { loaders }: GraphQLContext) {
    return loaders.themePath.load(theme.id);
  }

  @FieldResolver(() => [Theme], { description: 'Themes directly under it, by name.' })
  children(@Root() theme: Theme, @Ctx() { loaders }: GraphQLContext) {
    return loaders.themeChildren.load(theme.id);
  }

  @Authorized(Permission.CodingRead)
  @FieldResolver(() => Int, { description: 'Responses coded to this theme directly, unsuppressed (analysis roles).' })
  responseCount(@Root() theme: Theme, @Ctx() { loaders }: GraphQLContext) {
    return loaders.themeResponseCount.load(theme.id);
  }
}
