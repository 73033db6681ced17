import { AgeBand, CityConnection, ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { ROLES } from '../auth/roles.js';
import { Consent } from '../consents/consent.js';
import { ConsentEvent } from '../consents/consent-event.entity.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Session } from '../sessions/session.entity.js';
import { Participant } from './participant.entity.js';

const ParticipantConnection = Connection(Participant, 'Participant');

@InputType({ description: 'One consent decision, as the person made it.' })
export class ConsentInput {
  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field(() => Boolean, { description: 'True to grant, false to record a refusal.' })
  granted!: boolean;

  @Field(() => ConsentMethod)
  method!: ConsentMethod;

  @Field(() => String, { description: 'The privacy-notice version the person was shown.' })
  noticeVersion!: string;
}

@InputType({ description: 'Contact details: kept only with FOLLOW_UP_CONTACT consent, encrypted, visible only to admins.' })
class ContactInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@ObjectType({ description: "A participant's contact details (admin only; every read is audited)." })
class Contact {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@InputType({ description: 'A person taking part. PARTICIPATION consent must be among `consents`, granted.' })
class RegisterParticipantInput {
  @Field(() => ID, { nullable: true, description: 'Where they were registered; required for facilitators.' })
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The area they live or spend most time in.' })
  areaId?: string | null;

  @Field(() => [CityConnection])
  connections!: CityConnection[];

  @Field(() => AgeBand, { nullable: true })
  ageBand?: AgeBand | null;

  @Field(() => [ConsentInput])
  consents!: ConsentInput[];

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType({ description: 'Narrows a list of participants.' })
class ParticipantFilter {
  @Field(() => String, { nullable: true, description: 'The printable code, as typed (case and spaces ignored).' })
  code?: string | null;

  @Field(() => ID, { nullable: true })
  sessionId?: string | null;
}

@ObjectType({ description: 'What an erasure removed. The person is gone; this receipt holds counts only.' })
class ErasureReceipt {
  @Field(() => Date)
  erasedAt!: Date;

  @Field(() => Int)
  responsesDeleted!: number;

  @Field(() => Int)
  codingsDeleted!: number;

  @Field(() => Int)
  quotesDeleted!: number;
}

@Resolver(() => Participant)
export class ParticipantsResolver {
  @Authorized(ROLES.readParticipants)
  @Query(() => ParticipantConnection, { complexity: pagedComplexity, description: 'Participants the caller may see, newest first.' })
  participants(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ParticipantFilter, { nullable: true }) filter: ParticipantFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.list(req, filter, page);
  }

  @Authorized(ROLES.readParticipants)
  @Query(() => Participant, { description: 'One participant; NOT_FOUND when absent or out of reach.' })
  participant(@Arg('id', () => ID) id: string, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.get(req, id);
  }

  @Authorized(ROLES.fieldwork)
  @Mutation(() => Participant, { description: 'Registers a participant with their consent decisions (CONSENT_REQUIRED without PARTICIPATION).' })
  registerParticipant(
    @Arg('input', () => RegisterParticipantInput) input: RegisterParticipantInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.register(req, input);
  }

  @Authorized(ROLES.fieldwork)
  @Mutation(() => Consent, { description: 'Records a later consent decision, e.g. QUOTE agreed after the session.' })
  recordConsent(
    @Arg('participantId', () => ID) participantId: string,
    @Arg('consent', () => ConsentInput) consent: ConsentInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.recordConsent(req, participantId, consent);
  }

  @Authorized(ROLES.fieldwork)
  @Mutation(() => Consent, {
    description: "Withdraws a consent (a new ledger entry). Withdrawing PARTICIPATION deletes the person's responses at once.",
  })
  withdrawConsent(
    @Arg('participantId', () => ID) participantId: string,
    @Arg('purpose', () => ConsentPurpose) purpose: ConsentPurpose,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.withdrawConsent(req, participantId, purpose);
  }

  @Authorized(ROLES.admin)
  @Mutation(() => ErasureReceipt, { description: 'Erases every trace of a person (admin).' })
  eraseParticipant(@Arg('id', () => ID) id: string, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.erase(req, id);
  }

  @FieldResolver(() => [Consent], { description: 'Consent per purpose as it stands now.' })
  consents(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return loaders.consents.load(participant.id);
  }

  @FieldResolver(() => [ConsentEvent], { description: 'Every consent entry, oldest first.' })
  consentLedger(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return loaders.consentLedger.load(participant.id);
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return participant.areaId ? loaders.area.load(participant.areaId) : null;
  }

  @FieldResolver(() => Session, { nullable: true, description: 'Where they were registered.' })
  session(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return participant.sessionId ? loaders.session.load(participant.sessionId) : null;
  }

  @Authorized(ROLES.admin)
  @FieldResolver(() => Contact, { nullable: true, description: 'Contact details (admin only; each read is audited).' })
  contact(@Root() participant: Participant, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.contact(req, participant.id);
  }
}
