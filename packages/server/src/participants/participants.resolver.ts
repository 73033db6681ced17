import { AgeBand, CityConnection, ConsentMethod, ConsentPurpose, Permission } from '@chorus/shared';
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
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Consent } from '../consents/consent.js';
import { ConsentEvent } from '../consents/consent-event.entity.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Session } from '../sessions/session.entity.js';
import { Demographics, DemographicsInput } from './demographics.js';
import { Participant } from './participant.entity.js';

const ParticipantConnection = Connection(Participant, 'Participant');

@InputType({ description: 'One consent decision, as the person made it.' })
export class ConsentInput {
  @Field(() => ConsentPurpose, { description: 'What the consent is for.' })
  purpose!: ConsentPurpose;

  @Field(() => Boolean, { description: 'True to grant, false to record a refusal.' })
  granted!: boolean;

  @Field(() => ConsentMethod, { description: 'How the person gave the decision: in writing, verbally or online.' })
  method!: ConsentMethod;

  @Field(() => String, {
    description: 'The privacy-notice version the person was shown: one of engagement.noticeVersions.',
  })
  noticeVersion!: string;
}

@InputType({
  description: 'Contact details: kept only with FOLLOW_UP_CONTACT consent, encrypted, visible only to admins.',
})
class ContactInput {
  @Field(() => String, {
    nullable: true,
    description: 'Their name; at most 200 characters. It is redacted as [NAME] from responses submitted later.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Their email address; must be a valid one.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Their phone number: digits, optionally with +, spaces, brackets, dots or hyphens; at most 40 characters.',
  })
  phone?: string | null;
}

@ObjectType({ description: "A participant's contact details (admin only; every read is audited)." })
class Contact {
  @Field(() => String, { nullable: true, description: 'Their name; null when not given.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Their email address; null when not given.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Their phone number; null when not given.' })
  phone!: string | null;
}

@InputType({ description: 'A person taking part. PARTICIPATION consent must be among `consents`, granted.' })
class RegisterParticipantInput {
  @Field(() => ID, { nullable: true, description: 'Where they were registered; required for facilitators.' })
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The area they live or spend most time in.' })
  areaId?: string | null;

  @Field(() => [CityConnection], { description: 'How they are connected to the city; at least one, none repeated.' })
  connections!: CityConnection[];

  @Field(() => AgeBand, {
    nullable: true,
    description: 'Their age band, if they give one; PREFER_NOT_TO_SAY is always allowed.',
  })
  ageBand?: AgeBand | null;

  @Field(() => [ConsentInput], {
    description: 'Their consent decisions, at most one per purpose; PARTICIPATION must be granted.',
  })
  consents!: ConsentInput[];

  @Field(() => ContactInput, {
    nullable: true,
    description: 'Contact details; CONSENT_REQUIRED unless FOLLOW_UP_CONTACT is granted in `consents`.',
  })
  contact?: ContactInput | null;

  @Field(() => DemographicsInput, {
    nullable: true,
    description:
      'Ethnicity, religion, disability; CONSENT_REQUIRED (naming the field) unless SPECIAL_CATEGORY_DATA is granted in `consents`.',
  })
  demographics?: DemographicsInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Your unique key for this registration (a UUID is ideal), at most 255 characters. A retry with the same key returns the first participant rather than registering twice; with a different payload it fails with IDEMPOTENCY_CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Narrows a list of participants.' })
class ParticipantFilter {
  @Field(() => String, { nullable: true, description: 'The printable code, as typed (case and spaces ignored).' })
  code?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only people who answered the public questionnaire online themselves (newest first: submissions as they arrive).',
  })
  questionnaire?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only people registered at this session.' })
  sessionId?: string | null;
}

@ObjectType({ description: 'One table an erasure changed.' })
class TableTouched {
  @Field(() => String, { description: 'The table, as the database names it.' })
  table!: string;

  @Field(() => Int, { description: 'How many of its rows were deleted or changed (hashes forgotten, links cut).' })
  rows!: number;
}

@ObjectType({ description: 'What an erasure removed. The person is gone; this receipt holds counts only.' })
class ErasureReceipt {
  @Field(() => Date, { description: 'When the person was erased.' })
  erasedAt!: Date;

  @Field(() => Int, { description: 'How many of their responses were deleted.' })
  responsesDeleted!: number;

  @Field(() => Int, { description: 'How many codings of those responses were deleted.' })
  codingsDeleted!: number;

  @Field(() => Int, { description: 'How many quotes from those responses were deleted.' })
  quotesDeleted!: number;

  @Field(() => [TableTouched], {
    description: 'Every table the erasure changed, the audit entry it leaves included; see docs/privacy.md.',
  })
  tablesTouched!: TableTouched[];
}

@ObjectType({ description: 'What erasing a participant would delete.' })
class ErasureImpact {
  @Field(() => Int, { description: 'Their responses.' })
  responses!: number;

  @Field(() => Int, { description: 'Codings of those responses.' })
  codings!: number;

  @Field(() => Int, { description: 'Quotes taken from those responses.' })
  quotes!: number;
}

@Resolver(() => Participant)
export class ParticipantsResolver {
  @Authorized(Permission.ParticipantRead)
  @Query(() => ParticipantConnection, {
    complexity: pagedComplexity,
    description: 'Participants the caller may see, newest first.',
  })
  participants(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ParticipantFilter, {
      nullable: true,
      description: 'Narrows the list; every participant in reach when left out.',
    })
    filter: ParticipantFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.list(req, filter, page);
  }

  @Authorized(Permission.ParticipantRead)
  @Query(() => Participant, { description: 'One participant; NOT_FOUND when absent or out of reach.' })
  participant(
    @Arg('id', () => ID, { description: "The participant's id (UUID)." }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.get(req, id);
  }

  @Authorized(Permission.ParticipantRegister)
  @Mutation(() => Participant, {
    description: 'Registers a participant with their consent decisions (CONSENT_REQUIRED without PARTICIPATION).',
  })
  registerParticipant(
    @Arg('input', () => RegisterParticipantInput, {
      description: 'The person, their consent decisions and any contact details.',
    })
    input: RegisterParticipantInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.register(req, input);
  }

  @Authorized(Permission.ConsentRecord)
  @Mutation(() => Consent, { description: 'Records a later consent decision, e.g. QUOTE agreed after the session.' })
  recordConsent(
    @Arg('participantId', () => ID, { description: 'The participant (UUID); must be within your reach.' })
    participantId: string,
    @Arg('consent', () => ConsentInput, {
      description: 'The new decision; it supersedes any earlier one for the same purpose.',
    })
    consent: ConsentInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.recordConsent(req, participantId, consent);
  }

  @Authorized(Permission.ConsentRecord)
  @Mutation(() => Consent, {
    description:
      "Withdraws a consent (a new ledger entry). Withdrawing PARTICIPATION deletes the person's responses at once.",
  })
  withdrawConsent(
    @Arg('participantId', () => ID, { description: 'The participant (UUID); must be within your reach.' })
    participantId: string,
    @Arg('purpose', () => ConsentPurpose, {
      description: 'The consent to withdraw; BAD_USER_INPUT unless it is granted and standing.',
    })
    purpose: ConsentPurpose,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.withdrawConsent(req, participantId, purpose);
  }

  @Authorized(Permission.ParticipantRegister)
  @Mutation(() => Participant, {
    description:
      "Replaces a participant's ethnicity, religion and disability answers (all left out deletes them); CONSENT_REQUIRED unless SPECIAL_CATEGORY_DATA consent stands.",
  })
  recordDemographics(
    @Arg('participantId', () => ID, { description: 'The participant (UUID); must be within your reach.' })
    participantId: string,
    @Arg('demographics', () => DemographicsInput, { description: 'The answers; each optional.' })
    demographics: DemographicsInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.participants.recordDemographics(req, participantId, demographics);
  }

  @Authorized(Permission.ParticipantErase)
  @Mutation(() => ErasureReceipt, { description: 'Erases every trace of a person (admin).' })
  eraseParticipant(
    @Arg('id', () => ID, { description: 'The participant to erase (UUID).' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
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

  @FieldResolver(() => Area, {
    nullable: true,
    description: 'The area they live or spend most time in; null when not given, or once PARTICIPATION is withdrawn.',
  })
  area(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return participant.areaId ? loaders.area.load(participant.areaId) : null;
  }

  @FieldResolver(() => Session, { nullable: true, description: 'Where they were registered.' })
  session(@Root() participant: Participant, @Ctx() { loaders }: GraphQLContext) {
    return participant.sessionId ? loaders.session.load(participant.sessionId) : null;
  }

  @Authorized(Permission.ParticipantErase)
  @FieldResolver(() => ErasureImpact, { description: 'What erasing this person would delete (admin only).' })
  erasureImpact(@Root() participant: Participant, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.traces(req, participant.id);
  }

  @Authorized(Permission.ContactRead)
  @FieldResolver(() => Contact, { nullable: true, description: 'Contact details (admin only; each read is audited).' })
  contact(@Root() participant: Participant, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.contact(req, participant.id);
  }

  @Authorized(Permission.DemographicsRead)
  @FieldResolver(() => Demographics, {
    nullable: true,
    description:
      'Ethnicity, religion and disability (demographics.read; each read is audited); null when none is held.',
  })
  demographics(@Root() participant: Participant, @Ctx() { req, services }: GraphQLContext) {
    return services.participants.demographics(req, participant.id);
  }
}
