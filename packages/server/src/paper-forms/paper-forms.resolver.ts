import { AgeBand, CityConnection, ConsentPurpose, Permission, Prompt } from '@chorus/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { DemographicsInput } from '../participants/demographics.js';
import { Participant } from '../participants/participant.entity.js';
import { Session } from '../sessions/session.entity.js';

@ObjectType({ description: 'A printed paper form not yet typed up.' })
class PaperForm {
  @Field(() => String, { description: 'The participant code printed on the sheet (and in its QR code).' })
  code!: string;

  sessionId!: string;

  @Field(() => String, { description: 'The privacy-notice version the sheet printed.' })
  noticeVersion!: string;

  @Field(() => [ConsentPurpose], {
    description: 'The consent boxes the sheet printed: each is granted if ticked, refused if left empty.',
  })
  purposes!: ConsentPurpose[];
}

@InputType({ description: 'One answer written on the form.' })
class PaperAnswerInput {
  @Field(() => Prompt, { description: 'The question it answers.' })
  prompt!: Prompt;

  @Field(() => String, { description: 'The words as written; redacted before storage.' })
  text!: string;
}

@InputType({ description: 'A paper form as typed up: its code, the boxes ticked, the answers and "about you".' })
class TypeUpPaperFormInput {
  @Field(() => String, { description: 'The code printed on the sheet, as typed (case, spaces and dashes ignored).' })
  code!: string;

  @Field(() => [ConsentPurpose], {
    description:
      'The consent boxes ticked. Every other box the sheet printed is recorded as refused (method WRITTEN, the notice version printed); PARTICIPATION must be ticked.',
  })
  ticked!: ConsentPurpose[];

  @Field(() => [PaperAnswerInput], { description: 'The answers written; at least one.' })
  answers!: PaperAnswerInput[];

  @Field(() => [CityConnection], { description: 'How they are part of the city; at least one.' })
  connections!: CityConnection[];

  @Field(() => ID, { nullable: true, description: 'The area ticked, if any.' })
  areaId?: string | null;

  @Field(() => AgeBand, { nullable: true, description: 'The age band ticked, if any.' })
  ageBand?: AgeBand | null;

  @Field(() => DemographicsInput, {
    nullable: true,
    description: 'Ethnicity, religion, disability; CONSENT_REQUIRED unless SPECIAL_CATEGORY_DATA is ticked.',
  })
  demographics?: DemographicsInput | null;

  @Field(() => String, {
    description:
      'Your unique key for this typing-up (a UUID is ideal). A retry with the same key stores the form once; a different key for a typed-up code is refused.',
  })
  idempotencyKey!: string;
}

@Resolver(() => PaperForm)
export class PaperFormsResolver {
  @Authorized(Permission.ParticipantRegister)
  @Query(() => PaperForm, {
    description:
      'The printed form with this code, ready to type up: NOT_FOUND (field code) for a code never printed or out of reach, BAD_USER_INPUT once typed up.',
  })
  paperForm(
    @Arg('code', () => String, { description: 'The code as typed.' }) code: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.paperForms.sheet(req, code);
  }

  @Authorized(Permission.ParticipantRegister)
  @Mutation(() => Participant, {
    description:
      'Registers the person on a printed form under its code, with the consents as ticked, and stores their answers (one transaction).',
  })
  typeUpPaperForm(
    @Arg('input', () => TypeUpPaperFormInput, { description: 'The form as typed up.' }) input: TypeUpPaperFormInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.paperForms.typeUp(req, input);
  }

  @FieldResolver(() => Session, { description: 'The session the form was printed for.' })
  session(@Root() form: PaperForm, @Ctx() { loaders }: GraphQLContext) {
    return loaders.session.load(form.sessionId);
  }
}
