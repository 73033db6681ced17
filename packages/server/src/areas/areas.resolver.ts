import { Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Area } from './area.entity.js';

@InputType({ description: 'A new area.' })
class CreateAreaInput {
  @Field(() => String, { description: 'Unique, ignoring case; at most 200 characters.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Census population, for reach.' })
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

  @Authorized(Permission.ReferenceRead)
  @Query(() => [Area], { description: "The city's areas by name: reference data, listed whole." })
  areas(@Ctx() { req, services }: GraphQLContext) {
    return services.areas.list(req);
  }
}
