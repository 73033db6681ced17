import { AgeBand, Prompt, SessionFormat, Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Theme } from '../themes/theme.entity.js';

@InputType({
  description:
    'Which responses to count; every condition must hold. Each list holds one value at most (a union could be differenced); a period is one whole calendar month.',
})
class AggregateFilter {
  @Field(() => [ID], {
    nullable: true,
    description: "The participant's area, or the session's where the participant gave none.",
  })
  areaIds?: string[] | null;

  @Field(() => [SessionFormat], { nullable: true, description: 'Only responses from sessions of these formats.' })
  formats?: SessionFormat[] | null;

  @Field(() => [Prompt], { nullable: true, description: 'Only responses under these prompts.' })
  prompts?: Prompt[] | null;

  @Field(() => [AgeBand], {
    nullable: true,
    description:
      'Only responses from participants in these age bands; group notes and people with no band are left out.',
  })
  ageBands?: AgeBand[] | null;

  @Field(() => Date, {
    nullable: true,
    description: 'With `to`, one calendar month in Europe/London: midnight on the 1st (BST or GMT).',
  })
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'With `from`: midnight on the 1st of the next month in Europe/London.',
  })
  to?: Date | null;
}

@ObjectType({
  description:
    "One theme's figures, perturbed (docs/disclosure-control.md). Withheld: both counts null and `suppressed` true.",
})
class ThemeCount {
  @Field(() => Theme, { description: 'The codebook theme these figures are for.' })
  theme!: Theme;

  @Field(() => Int, { nullable: true, description: 'Distinct responses coded to the theme or any theme under it.' })
  responses!: number | null;

  @Field(() => Int, { nullable: true, description: 'Distinct participants among them.' })
  participants!: number | null;

  @Field(() => Boolean, {
    description: 'True when the figures are withheld to protect privacy; both counts are then null.',
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'Theme figures under a filter, safe to publish: perturbed, and none below the threshold.' })
class ThemeSummary {
  @Field(() => Int, { description: 'The smallest count released.' })
  threshold!: number;

  @Field(() => Int, { nullable: true, description: 'Responses under the filter; null when below the threshold.' })
  totalResponses!: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants under the filter; null when below the threshold.' })
  totalParticipants!: number | null;

  @Field(() => [ThemeCount], {
    description: 'Every theme in the codebook, by name; a parent counts its whole subtree, each response once.',
  })
  themes!: ThemeCount[];
}

@Resolver()
export class AggregatesResolver {
  @Authorized(Permission.AggregateRead)
  @Query(() => ThemeSummary, {
    description: 'Theme figures by area, format, prompt, age band and month, perturbed, with small cells suppressed.',
  })
  themeSummary(
    @Arg('filter', () => AggregateFilter, {
      nullable: true,
      description: 'Which responses to count; every response in the engagement when left out.',
    })
    filter: AggregateFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.aggregates.themeSummary(req, filter);
  }
}
