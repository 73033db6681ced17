import { Permission, SpecialCategory } from '@chorus/shared';
import {
  Arg,
  Args,
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
import { Area } from '../areas/area.entity.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { CensusPopulation } from './census-population.entity.js';

@InputType({ description: 'Narrows the census populations listed.' })
class CensusPopulationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this area.' })
  areaId?: string | null;

  @Field(() => SpecialCategory, { nullable: true, description: 'Only this category.' })
  category?: SpecialCategory | null;
}

@InputType({ description: "One group's census population." })
class CensusGroupPopulationInput {
  @Field(() => String, {
    description: 'The group (ASIAN, MUSLIM, REDUCED_A_LOT, …): one of the category’s census groups.',
  })
  group!: string;

  @Field(() => Int, { nullable: true, description: 'Usual residents in the group, 0 to 10,000,000; null clears it.' })
  population?: number | null;
}

@InputType({ description: "An area's census populations for one category, as they should stand." })
class SetCensusPopulationsInput {
  @Field(() => ID, { description: 'The area (UUID).' })
  areaId!: string;

  @Field(() => SpecialCategory, { description: 'Ethnic group, religion or disability.' })
  category!: SpecialCategory;

  @Field(() => [CensusGroupPopulationInput], {
    description: 'Each group at most once; a group left out, or with a null population, is cleared.',
  })
  populations!: CensusGroupPopulationInput[];
}

const CensusPopulationConnection = Connection(CensusPopulation, 'CensusPopulation');

@Resolver(() => CensusPopulation)
export class CensusPopulationsResolver {
  @Authorized(Permission.AreaManage)
  @Query(() => CensusPopulationConnection, {
    complexity: pagedComplexity,
    description: 'Census populations by area and special-category group, oldest first (admin).',
  })
  censusPopulations(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CensusPopulationFilter, { nullable: true, description: 'Area and category.' })
    filter: CensusPopulationFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.censusPopulations.list(req, filter, page);
  }

  @Authorized(Permission.AreaManage)
  @Mutation(() => [CensusPopulation], {
    description:
      "Sets an area's census populations for one category in one go (admin; audited); returns them in the census order. BAD_USER_INPUT names the entry (populations.2.population).",
  })
  setCensusPopulations(
    @Arg('input', () => SetCensusPopulationsInput, { description: 'The area, the category and every figure.' })
    input: SetCensusPopulationsInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.censusPopulations.set(req, input);
  }

  @FieldResolver(() => Area, { description: 'The area.' })
  area(@Root() row: CensusPopulation, @Ctx() { loaders }: GraphQLContext) {
    return loaders.area.load(row.areaId);
  }
}
