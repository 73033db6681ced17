import { Channel, Prompt, Permission } from '@chorus/shared';
import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { TableFigure } from '../disclosure/disclosure.resolver.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Session } from '../sessions/session.entity.js';

@ObjectType({ description: 'Responses under one prompt.' })
class PromptCount {
  @Field(() => Prompt, { description: 'The prompt.' })
  prompt!: Prompt;

  @Field(() => Int, { description: 'Responses filed under it.' })
  responses!: number;
}

@ObjectType({ description: 'How many people an area has had heard, against its population.' })
class AreaReach {
  @Field(() => Area, { description: 'The area.' })
  area!: Area;

  @Field(() => Int, { description: 'Participants registered as from this area.' })
  participants!: number;

  @Field(() => Float, { nullable: true, description: 'Participants per 1,000 residents; null without a population.' })
  perThousand!: number | null;
}

@ObjectType({ description: 'Participants and responses through one channel, released (perturbed or withheld).' })
class ChannelReach {
  @Field(() => Channel, { description: 'The channel.' })
  channel!: Channel;

  @Field(() => TableFigure, { description: 'Distinct participants heard through it, released.' })
  participants!: TableFigure;

  @Field(() => TableFigure, { description: 'Responses recorded through it, released.' })
  responses!: TableFigure;
}

@ObjectType({ description: "The engagement's progress at a glance (staff only; not suppressed)." })
class Overview {
  @Field(() => Int, { description: 'Sessions held.' })
  sessionsHeld!: number;

  @Field(() => Int, { description: 'Sessions planned and not yet held.' })
  sessionsPlanned!: number;

  @Field(() => Int, { description: 'Participants registered.' })
  participants!: number;

  @Field(() => Int, { description: 'Responses recorded.' })
  responses!: number;

  @Field(() => Float, { description: 'Share of responses coded to at least one theme, from 0 to 1.' })
  codedShare!: number;

  @Field(() => [PromptCount], { description: 'Responses per prompt, in prompt order.' })
  responsesByPrompt!: PromptCount[];

  @Field(() => [Session], { description: 'Sessions starting this week (Monday to Sunday), earliest first.' })
  sessionsThisWeek!: Session[];

  @Field(() => [AreaReach], { description: 'Reach per area, by area name.' })
  reach!: AreaReach[];

  @Field(() => [ChannelReach], {
    description: 'Reach per channel, every channel in order, through disclosure control (threshold and ptable).',
  })
  reachByChannel!: ChannelReach[];

  @Field(() => Int, { description: 'The smallest figure `reachByChannel` releases (the engagement threshold).' })
  threshold!: number;
}

@Resolver()
export class OverviewResolver {
  @Authorized(Permission.OverviewRead)
  @Query(() => Overview, {
    description: "The engagement's progress for staff: sessions, people, responses, coding, reach.",
  })
  overview(@Ctx() { req, services }: GraphQLContext) {
    return services.overview.overview(req);
  }
}
