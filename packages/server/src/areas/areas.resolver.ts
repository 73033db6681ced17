import { AreaKind, Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Area } from './area.entity.js';

@InputType({ description: 'A new area.' })
class CreateAreaInput {
  @Field(() => String, { description: 'Unique, ignoring case; at most 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'ONS GSS code such as E05008734; unique.' })
  code?: string | null;

  @Field(() => AreaKind, { nullable: true, description: 'Ward, town or other; OTHER when left out.' })
  kind?: AreaKind | null;

  @Field(() => Int, { nullable: true, description: 'Census population, for reach.' })
  population?: number | null;
}

@InputType({ description: 'Changes to an area; a field left out stays as it is.' })
class UpdateAreaInput {
  @Field(() => String, { nullable: true, description: 'New name; unique, ignoring case. Cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'ONS GSS code such as E05008734; null clears it.' })
  code?: string | null;

  @Field(() => AreaKind, { nullable: true, description: 'Ward, town or other. Cannot be cleared.' })
  kind?: AreaKind | null;

  @Field(() => Int, { nullable: true, description: 'Census population; null clears it.' })
  population?: number | null;
}

@Resolver(() => Area)
export class AreasResolver {
  @Authorized(Permission.AreaManage)
  @Mutation(() => Area, { description: 'Adds an area (admin).' })
  createArea(
    @Arg('input', () => CreateAreaInput, { description: 'The area to add.' }) input: CreateAreaInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.areas.create(req, input);
  }

  @Authorized(Permission.AreaManage)
  @Mutation(() => Area, { description: "Changes an area's name, code, kind or population (admin; audited)." })
  updateArea(
    @Arg('id', () => ID, { description: 'The area (UUID).' }) id: string,
    @Arg('input', () => UpdateAreaInput, { description: 'The changes.' }) input: UpdateAreaInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.areas.update(req, id, input);
  }

  @Authorized(Permission.ReferenceRead)
  @Query(() => [Area], { description: "The city's areas by name: reference data, listed whole." })
  areas(@Ctx() { req, services }: GraphQLContext) {
    return services.areas.list(req);
  }
}
