import { SessionFormat, SessionStatus } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { ROLES } from '../auth/roles.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

const SessionConnection = Connection(Session, 'Session');

@InputType({ description: 'A session to plan. A PARTNER caller\'s session always belongs to its own organisation.' })
class CreateSessionInput {
  @Field(() => String)
  title!: string;

  @Field(() => SessionFormat)
  format!: SessionFormat;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => String, { nullable: true })
  venue?: string | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner running it; forced to the caller\'s own for PARTNER callers.' })
  organisationId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Staff who facilitate it; they may record participants and responses there.' })
  facilitatorIds?: string[] | null;
}

@InputType({ description: 'Changes to a session; fields left out stay as they are, null clears an optional field.' })
class UpdateSessionInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => SessionFormat, { nullable: true })
  format?: SessionFormat | null;

  @Field(() => SessionStatus, { nullable: true, description: 'HELD once it has happened; CANCELLED to call it off.' })
  status?: SessionStatus | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => String, { nullable: true })
  venue?: string | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => ID, { nullable: true })
  organisationId?: string | null;

  @Field(() => Int, { nullable: true })
  headcount?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the facilitators.' })
  facilitatorIds?: string[] | null;
}

@InputType({ description: 'Narrows a list of sessions; every condition must hold.' })
class SessionFilter {
  @Field(() => [SessionFormat], { nullable: true })
  formats?: SessionFormat[] | null;

  @Field(() => [SessionStatus], { nullable: true })
  statuses?: SessionStatus[] | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
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
  @Authorized(ROLES.readResponses)
  @Query(() => SessionConnection, { complexity: pagedComplexity, description: 'Sessions the caller may see, latest start first.' })
  sessions(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SessionFilter, { nullable: true }) filter: SessionFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.list(req, filter, page);
  }

  @Authorized(ROLES.readResponses)
  @Query(() => Session, { description: 'One session; NOT_FOUND when absent or out of reach.' })
  session(@Arg('id', () => ID) id: string, @Ctx() { req, services }: GraphQLContext) {
    return services.sessions.get(req, id);
  }

  @Authorized(ROLES.planSessions)
  @Mutation(() => Session, { description: 'Plans a session.' })
  createSession(@Arg('input', () => CreateSessionInput) input: CreateSessionInput, @Ctx() { req, services }: GraphQLContext) {
    return services.sessions.create(req, input);
  }

  @Authorized(ROLES.fieldwork)
  @Mutation(() => Session, { description: 'Edits, holds or cancels a session.' })
  updateSession(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSessionInput) input: UpdateSessionInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.sessions.update(req, id, input);
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return session.areaId ? loaders.area.load(session.areaId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The partner running it; null when staff run it.' })
  organisation(@Root() session: Session, @Ctx() { loaders }: GraphQLContext) {
    return session.organisationId ? loaders.organisation.load(session.organisationId) : null;
  }

  @Authorized(ROLES.staff)
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

