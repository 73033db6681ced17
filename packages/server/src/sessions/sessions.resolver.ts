import { SessionFormat, SessionStatus, Permission } from '@chorus/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Area } from '../areas/area.entity.js';
import { selects } from '../graphql/look-ahead.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

const SessionConnection = Connection(Session, 'Session');

@InputType({ description: "A session to plan. A PARTNER caller's session always belongs to its own organisation." })
class CreateSessionInput {
  @Field(() => String, { description: 'Short name; at most 200 characters.' })
  title!: string;

  @Field(() => SessionFormat, { description: 'The kind of event.' })
  format!: SessionFormat;

  @Field(() => Date, { description: 'When it starts.' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ends; not before `startsAt`.' })
  endsAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The area it is held in (UUID).' })
  areaId?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is held; at most 200 characters.' })
  venue?: string | null;

  @Field(() => String, { nullable: true, description: 'Who it is for, e.g. "young carers"; at most 200 characters.' })
  audience?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The partner running it; forced to the caller's own for PARTNER callers.",
  })
  organisationId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Staff who facilitate it; they may record participants and responses there. Needs `facilitator.assign`: a PARTNER caller may not send it.',
  })
  facilitatorIds?: string[] | null;
}

@InputType({ description: 'Changes to a session; fields left out stay as they are, null clears an optional field.' })
class UpdateSessionInput {
  @Field(() => String, { nullable: true, description: 'New title; at most 200 characters. Cannot be cleared.' })
  title?: string | null;

  @Field(() => SessionFormat, { nullable: true, description: 'New format; cannot be cleared.' })
  format?: SessionFormat | null;

  @Field(() => SessionStatus, { nullable: true, description: 'HELD once it has happened; CANCELLED to call it off.' })
  status?: SessionStatus | null;

  @Field(() => Date, { nullable: true, description: 'New start time; cannot be cleared.' })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'New end time; not before the start.' })
  endsAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The area it is held in (UUID).' })
  areaId?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is held; at most 200 characters.' })
  venue?: string | null;

  @Field(() => String, { nullable: true, description: 'Who it is for; at most 200 characters.' })
  audience?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The partner running it; a partner cannot set another organisation, a facilitator cannot change it.',
  })
  organisationId?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many people attended: a whole number from 0 to 10,000.' })
  headcount?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Replaces the facilitators; left out keeps them. Needs `facilitator.assign`: a PARTNER caller may neither add nor remove staff.',
  })
  facilitatorIds?: string[] | null;
}

@InputType({ description: 'Narrows a list of sessions; every condition must hold.' })
class SessionFilter {
  @Field(() => [SessionFormat], { nullable: true, description: 'Only sessions of these formats.' })
  formats?: SessionFormat[] | null;

  @Field(() => [SessionStatus], { nullable: true, description: 'Only sessions in these statuses.' })
  statuses?: SessionStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only sessions held in this area.' })
  areaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only sessions run by this organisation.' })
  organisationId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Sessions starting at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Sessions starting before this instant.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Words in the title.' })
  search?: string | null;
}

@Resolver(() => Session)
export class SessionsResolver {
  @Authorized(Permission.SessionRead)
  @Query(() => SessionConnection, {
    complexity: pagedComplexity,
    description: 'Sessions the caller may see, latest start first.',
  })
  async sessions(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SessionFilter, {
      nullable: true,
      description: 'Narrows the list; every session in reach when left out.',
    })
    filter: SessionFilter | null,
    @Ctx() { req, services, loaders }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const node = ['edges', 'node'];
    const listed = await services.sessions.list(req, filter, page, {
      responseCount: selects(info, [...node, 'responseCount']),
      participantCount: selects(info, [...node, 'participantCount']),
    });
    // Read with the page, so the count fields below find them loaded and send nothing more.
    for (const [id, n] of listed.counts.responses) loaders.sessionResponseCount.prime(id, n);
    for (const [id, n] of listed.counts.participants) loaders.sessionParticipantCount.prime(id, n);
    return listed;
  }

  @Authorized(Permission.SessionRead)
  @Query(() => Session, { description: 'One session; NOT_FOUND when absent or out of reach.' })
  session(
    @Arg('id', () => ID, { description: "The session's id (UUID)." }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.get(req, id);
  }

  @Authorized(Permission.SessionRead)
  @Query(() => [Session], {
    description:
      'Sessions in reach with the same title (ignoring case), start time and area as the one given, not cancelled; at most 10. Ask before planning or saving a look-alike: createSession and updateSession do not refuse one.',
  })
  duplicateSessions(
    @Arg('title', () => String, { description: 'The title being planned.' }) title: string,
    @Arg('startsAt', () => Date, { description: 'When it starts.' }) startsAt: Date,
    @Arg('areaId', () => ID, { nullable: true, description: 'Its area; null matches sessions with no area.' })
    areaId: string | null,
    @Arg('exceptId', () => ID, { nullable: true, description: 'The session being edited, left out of the answer.' })
    exceptId: string | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.duplicatesOf(req, { title, startsAt, areaId, exceptId });
  }

  @Authorized(Permission.SessionPlan)
  @Mutation(() => Session, { description: 'Plans a session.' })
  createSession(
    @Arg('input', () => CreateSessionInput, { description: 'The session to plan; it starts as PLANNED.' })
    input: CreateSessionInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.create(req, input);
  }

  @Authorized(Permission.SessionUpdate)
  @Mutation(() => Session, { description: 'Edits, holds or cancels a session.' })
  updateSession(
    @Arg('id', () => ID, { description: 'The session to change (UUID).' }) id: string,
    @Arg('input', () => UpdateSessionInput, { description: 'The changes.' }) input: UpdateSessionInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.update(req, id, input);
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The area it is held in; null when not given.' })
  area(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return session.areaId ? loaders.area.load(session.areaId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The partner running it; null when staff run it.' })
  organisation(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return session.organisationId ? loaders.organisation.load(session.organisationId) : null;
  }

  @Authorized(Permission.FacilitatorRead)
  @FieldResolver(() => [User], { description: 'Staff facilitating it (staff only).' })
  async facilitators(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    const ids = await loaders.sessionFacilitatorIds.load(session.id);
    return (await loaders.user.loadMany(ids)).filter((user): user is User => user instanceof User);
  }

  @FieldResolver(() => Int, { description: 'Responses recorded at this session.' })
  responseCount(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return loaders.sessionResponseCount.load(session.id);
  }

  @FieldResolver(() => Int, { description: 'People registered at, or heard at, this session.' })
  participantCount(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return loaders.sessionParticipantCount.load(session.id);
  }
}
