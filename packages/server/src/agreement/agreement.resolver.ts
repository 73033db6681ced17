import { Permission, Prompt } from '@chorus/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Theme } from '../themes/theme.entity.js';
import { AgreementMethod, AssignmentStatus, CodingKind, ReviewStatus } from './agreement.service.js';

registerEnumType(AgreementMethod, {
  name: 'AgreementMethod',
  description: 'COHEN_KAPPA: two codings of every item; KRIPPENDORFF_ALPHA (nominal): more coders, or some missing.',
});
registerEnumType(AssignmentStatus, {
  name: 'AgreementAssignmentStatus',
  description: 'OPEN: still to code blind; SUBMITTED: coded (final).',
});
registerEnumType(ReviewStatus, {
  name: 'AgreementReviewStatus',
  description: 'UNSETTLED: a disagreement still to settle; SETTLED: settled.',
});
registerEnumType(CodingKind, {
  name: 'AgreementCodingKind',
  description: "ORIGINAL: the response's coding when the sample was drawn; BLIND: a blind second (or further) coding.",
});

@ObjectType({ description: 'A sample of coded responses drawn for blind double coding.', simpleResolvers: true })
class AgreementSample {
  @Field(() => ID, { description: 'The sample.' })
  id!: string;

  @Field(() => Float, { description: 'The percentage of each prompt’s coded responses drawn (rounded up per prompt).' })
  percentage!: number;

  @Field(() => Int, {
    description: 'The seed of the draw: the same seed, percentage and responses draw the same sample.',
  })
  seed!: number;

  @Field(() => Date, { description: 'When it was drawn.' })
  drawnAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who drew it (display name).' })
  drawnBy!: string | null;

  @Field(() => Int, { description: 'Responses in the sample.' })
  items!: number;

  @Field(() => [String], { description: 'The blind coders assigned (display names).' })
  coders!: string[];

  @Field(() => Int, { description: 'Blind codings assigned.' })
  blindCodings!: number;

  @Field(() => Int, { description: 'Blind codings submitted so far.' })
  blindCodingsSubmitted!: number;

  @Field(() => Int, { description: 'Disagreements settled so far.' })
  settled!: number;
}

@ObjectType({
  description: 'A sampled response as its blind coder reads it: its words only, never its codings.',
  simpleResolvers: true,
})
class AgreementResponse {
  @Field(() => ID, { description: "The response's id." })
  id!: string;

  @Field(() => Prompt, { description: 'The prompt it answers.' })
  prompt!: Prompt;

  @Field(() => String, { description: 'The stored (redacted) text.' })
  text!: string;

  @Field(() => String, { description: 'Its language tag.' })
  language!: string;
}

@ObjectType({ description: "One of the caller's blind codings of a sampled response." })
class AgreementAssignment {
  @Field(() => ID, { description: 'The assignment.' })
  id!: string;

  @Field(() => AssignmentStatus, { description: 'OPEN or SUBMITTED.' })
  status!: AssignmentStatus;

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  submittedAt!: Date | null;

  @Field(() => AgreementResponse, { description: 'The response to code.' })
  response!: AgreementResponse;

  themeIds!: string[];
}

@ObjectType({ description: 'One coder’s coding of a sampled response, kept as it was made.' })
class AgreementCoding {
  @Field(() => ID, { description: 'The assignment it was made under.' })
  assignmentId!: string;

  @Field(() => CodingKind, { description: 'ORIGINAL or BLIND.' })
  kind!: CodingKind;

  @Field(() => String, { nullable: true, description: 'Who made it (display name); null for an imported coding.' })
  coder!: string | null;

  themeIds!: string[];
}

@ObjectType({ description: 'A sampled response whose coders disagree, and how it was settled.' })
class AgreementReviewItem {
  @Field(() => ID, { description: 'The item (a sampled response).' })
  id!: string;

  @Field(() => AgreementResponse, { description: 'The response.' })
  response!: AgreementResponse;

  @Field(() => [AgreementCoding], { description: 'Every coding, the original first; kept after settling.' })
  codings!: AgreementCoding[];

  @Field(() => Date, { nullable: true, description: 'When it was settled.' })
  settledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who settled it (display name).' })
  settledBy!: string | null;

  disagreedThemeIds!: string[];
  settledThemeIds!: string[];
}

@ObjectType({ description: 'Agreement on one theme: did the coders apply it to the same responses?' })
class ThemeAgreement {
  themeId!: string;

  @Field(() => AgreementMethod, { description: 'The statistic used.' })
  method!: AgreementMethod;

  @Field(() => Float, {
    nullable: true,
    description: 'Kappa or alpha, from −1 to 1 (1: perfect, 0: as by chance); null when every answer was the same.',
  })
  value!: number | null;

  @Field(() => Int, { description: 'Sampled responses it is computed over.' })
  items!: number;

  @Field(() => Int, { description: 'Of those, the responses on which every coder gave the same answer.' })
  agreedItems!: number;
}

@ObjectType({ description: 'Agreement between coders, overall and per theme.', simpleResolvers: true })
class AgreementFigures {
  @Field(() => AgreementMethod, { description: 'The statistic used.' })
  method!: AgreementMethod;

  @Field(() => Float, {
    nullable: true,
    description: 'Overall: every (response, theme) decision pooled; null with no item or no variation.',
  })
  value!: number | null;

  @Field(() => Int, { description: 'Sampled responses with at least two submitted codings.' })
  items!: number;

  @Field(() => Int, { description: 'The most codings of one response (2: the original and one blind).' })
  coders!: number;

  @Field(() => Int, { description: 'Responses whose codings differ.' })
  disagreements!: number;

  @Field(() => Int, { description: 'Of those, how many are settled.' })
  settled!: number;

  @Field(() => [ThemeAgreement], { description: 'Per theme used by any coder, by theme name.' })
  themes!: ThemeAgreement[];
}

@InputType({ description: 'A sample to draw for blind double coding.' })
class DrawAgreementSampleInput {
  @Field(() => Float, {
    description: 'The percentage of each prompt’s coded responses to draw (more than 0, at most 100).',
  })
  percentage!: number;

  @Field(() => Int, { nullable: true, description: 'The seed (0 to 2147483647); a random one when absent.' })
  seed?: number | null;

  @Field(() => [ID], {
    description: 'The coders to code the sample blind (users who code; none codes a response they coded).',
  })
  coderIds!: string[];
}

@InputType({ description: 'Narrows the disagreement review.' })
class AgreementReviewFilter {
  @Field(() => ID, { nullable: true, description: 'Only this sample.' })
  sampleId?: string | null;

  @Field(() => ReviewStatus, { nullable: true, description: 'UNSETTLED (the default) or SETTLED.' })
  status?: ReviewStatus | null;
}

const AgreementSampleConnection = Connection(AgreementSample, 'AgreementSample');
const AgreementAssignmentConnection = Connection(AgreementAssignment, 'AgreementAssignment');
const AgreementReviewItemConnection = Connection(AgreementReviewItem, 'AgreementReviewItem');

async function themesOf(ids: readonly string[], { loaders }: GraphQLContext): Promise<Theme[]> {
  const themes = await loaders.theme.loadMany(ids);
  return themes.filter((theme): theme is Theme => theme !== null && !(theme instanceof Error));
}

@Resolver(() => AgreementSample)
export class AgreementResolver {
  @Authorized(Permission.AgreementManage)
  @Query(() => AgreementSampleConnection, {
    complexity: pagedComplexity,
    description: 'The samples drawn, newest first.',
  })
  agreementSamples(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.agreement.samples(req, page);
  }

  @Authorized(Permission.AgreementManage)
  @Query(() => AgreementFigures, {
    description: 'Agreement between coders per theme and overall, for one sample or every sample.',
  })
  agreement(
    @Arg('sampleId', () => ID, { nullable: true, description: 'One sample; every sample when absent.' })
    sampleId: string | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.figures(req, sampleId);
  }

  @Authorized(Permission.AgreementCode)
  @Query(() => AgreementAssignmentConnection, {
    complexity: pagedComplexity,
    description: "The caller's blind coding queue, oldest first: OPEN assignments unless asked for SUBMITTED.",
  })
  myAgreementAssignments(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => AssignmentStatus, { nullable: true, description: 'OPEN (the default) or SUBMITTED.' })
    status: AssignmentStatus | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.myAssignments(req, status, page);
  }

  @Authorized(Permission.AgreementCode)
  @Query(() => AgreementReviewItemConnection, {
    complexity: pagedComplexity,
    description:
      'Sampled responses whose coders disagree, once all have submitted: every one for a coordinator, your own for a coder.',
  })
  agreementReview(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AgreementReviewFilter, { nullable: true, description: 'Sample and status.' })
    filter: AgreementReviewFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.review(req, filter, page);
  }

  @Authorized(Permission.AgreementManage)
  @Mutation(() => AgreementSample, {
    description:
      'Draws a stratified sample of coded responses (a percentage of each prompt) and assigns coders to code it blind.',
  })
  drawAgreementSample(
    @Arg('input', () => DrawAgreementSampleInput, { description: 'Percentage, seed and coders.' })
    input: DrawAgreementSampleInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.draw(req, input);
  }

  @Authorized(Permission.AgreementCode)
  @Mutation(() => AgreementAssignment, {
    description: 'Submits your blind coding of a sampled response: the themes that apply (an empty list: none). Final.',
  })
  submitBlindCoding(
    @Arg('assignmentId', () => ID, { description: 'Your assignment.' }) assignmentId: string,
    @Arg('themeIds', () => [ID], { description: 'The themes that apply.' }) themeIds: string[],
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.submit(req, assignmentId, themeIds);
  }

  @Authorized(Permission.AgreementCode)
  @Mutation(() => AgreementReviewItem, {
    description: "Settles a disagreement: the themes become the response's coding; every coder's coding is kept.",
  })
  settleAgreementItem(
    @Arg('itemId', () => ID, { description: 'The disagreeing item.' }) itemId: string,
    @Arg('themeIds', () => [ID], { description: 'The themes settled on.' }) themeIds: string[],
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.agreement.settle(req, itemId, themeIds);
  }
}

@Resolver(() => AgreementAssignment)
export class AgreementAssignmentResolver {
  @FieldResolver(() => [Theme], { description: 'Your themes, once submitted.' })
  themes(@Root() assignment: AgreementAssignment, @Ctx() context: GraphQLContext) {
    return themesOf(assignment.themeIds, context);
  }
}

@Resolver(() => AgreementCoding)
export class AgreementCodingResolver {
  @FieldResolver(() => [Theme], { description: 'The themes this coder applied.' })
  themes(@Root() coding: AgreementCoding, @Ctx() context: GraphQLContext) {
    return themesOf(coding.themeIds, context);
  }
}

@Resolver(() => AgreementReviewItem)
export class AgreementReviewItemResolver {
  @FieldResolver(() => [Theme], { description: 'The themes some coders applied and others did not.' })
  disagreedThemes(@Root() item: AgreementReviewItem, @Ctx() context: GraphQLContext) {
    return themesOf(item.disagreedThemeIds, context);
  }

  @FieldResolver(() => [Theme], { description: 'The themes settled on (empty until settled).' })
  settledThemes(@Root() item: AgreementReviewItem, @Ctx() context: GraphQLContext) {
    return themesOf(item.settledThemeIds, context);
  }
}

@Resolver(() => ThemeAgreement)
export class ThemeAgreementResolver {
  @FieldResolver(() => Theme, { nullable: true, description: 'The theme.' })
  theme(@Root() row: ThemeAgreement, @Ctx() { loaders }: GraphQLContext) {
    return loaders.theme.load(row.themeId);
  }
}
