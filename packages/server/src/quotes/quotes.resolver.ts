import { Permission } from '@chorus/shared';
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
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Release } from '../releases/release.entity.js';
import { Response } from '../responses/response.entity.js';
import { User } from '../users/user.entity.js';
import {
  DescriptionCheck,
  Quote,
  QuoteAttribute,
  QuoteConsentState,
  QuoteStatus,
  QuoteTransition,
  QuoteUse,
} from './quote.entity.js';

const QuoteConnection = Connection(Quote, 'Quote');
const QuoteUseConnection = Connection(QuoteUse, 'QuoteUse');

@InputType({ description: 'A passage of a response, by character offsets into its text.' })
class MarkQuoteInput {
  @Field(() => ID, { description: 'The response (UUID).' })
  responseId!: string;

  @Field(() => Int, { description: 'Where the passage starts (0 is the first character).' })
  start!: number;

  @Field(() => Int, { description: 'Where it ends (exclusive); at most 2,000 characters after start.' })
  end!: number;
}

@InputType({ description: 'The published copy of a quote and how it is attributed.' })
class DeidentifyQuoteInput {
  @Field(() => ID, { description: 'The quote (UUID); CONSENT_CHECKED or DEIDENTIFIED.' })
  id!: string;

  @Field(() => String, {
    description:
      'The passage as published: words may be left out (mark a cut "[…]") or replaced inside [brackets]; nothing else changes.',
  })
  publishedText!: string;

  @Field(() => [QuoteAttribute], {
    nullable: true,
    description: 'What the description may say: all of age band, connection and area when left out.',
  })
  describeBy?: QuoteAttribute[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A name to attribute it to; CONSENT_REQUIRED unless ATTRIBUTION ("be named") consent stands.',
  })
  attributedName?: string | null;
}

@Resolver(() => Quote)
export class QuotesResolver {
  @Authorized(Permission.QuoteRead)
  @Query(() => QuoteConnection, { complexity: pagedComplexity, description: 'The quote register, newest first.' })
  quotes(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => QuoteStatus, { nullable: true, description: 'Only quotes at this step.' })
    status: QuoteStatus | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.list(req, status, page);
  }

  @Authorized(Permission.QuoteRead)
  @Query(() => Quote, { description: 'One quote; NOT_FOUND when absent or out of reach.' })
  quote(
    @Arg('id', () => ID, { description: 'The quote (UUID).' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.get(req, id);
  }

  @Authorized(Permission.QuoteEdit)
  @Mutation(() => Quote, { description: 'Marks a passage of a response as a CANDIDATE quote.' })
  markQuote(
    @Arg('input', () => MarkQuoteInput, { description: 'The response and the passage.' }) input: MarkQuoteInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.mark(req, input);
  }

  @Authorized(Permission.QuoteConsentCheck)
  @Mutation(() => Quote, {
    description:
      "CANDIDATE → CONSENT_CHECKED: the participant's QUOTE consent stands (CONSENT_REQUIRED otherwise); for group " +
      'notes a facilitator of the session confirms the group agreed.',
  })
  checkQuoteConsent(
    @Arg('id', () => ID, { description: 'The quote (UUID).' }) id: string,
    @Arg('groupAgreed', () => Boolean, {
      nullable: true,
      description: "Group notes only: the facilitator's confirmation that the group agreed to be quoted.",
    })
    groupAgreed: boolean | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.checkConsent(req, id, groupAgreed);
  }

  @Authorized(Permission.QuoteEdit)
  @Mutation(() => Quote, { description: '→ DEIDENTIFIED: sets the published copy and the description.' })
  deidentifyQuote(
    @Arg('input', () => DeidentifyQuoteInput, { description: 'The published copy and attribution.' })
    input: DeidentifyQuoteInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.deidentify(req, input);
  }

  @Authorized(Permission.QuoteApprove)
  @Mutation(() => Quote, {
    description:
      'DEIDENTIFIED → APPROVED (coordinator). BAD_USER_INPUT on acceptDescriptionRisk when fewer than the threshold ' +
      'of participants match the description and the risk is not accepted.',
  })
  approveQuote(
    @Arg('id', () => ID, { description: 'The quote (UUID).' }) id: string,
    @Arg('acceptDescriptionRisk', () => Boolean, {
      nullable: true,
      description: 'Approve although the description check warns.',
    })
    acceptDescriptionRisk: boolean | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.approve(req, id, acceptDescriptionRisk);
  }

  @Authorized(Permission.QuoteApprove)
  @Mutation(() => Quote, { description: '→ REJECTED, with a reason (coordinator).' })
  rejectQuote(
    @Arg('id', () => ID, { description: 'The quote (UUID).' }) id: string,
    @Arg('reason', () => String, { description: 'Why; required, at most 1,000 characters.' }) reason: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.quotes.reject(req, id, reason);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'How it is attributed when published: the name while ATTRIBUTION stands, else the description.',
  })
  attribution(@Root() quote: Quote): string | null {
    return quote.attributedName ?? quote.description;
  }

  @FieldResolver(() => Response, { nullable: true, description: 'The response it is taken from.' })
  response(@Root() quote: Quote, @Ctx() { loaders }: GraphQLContext) {
    return loaders.response.load(quote.responseId);
  }

  @Authorized(Permission.UserList)
  @FieldResolver(() => User, { nullable: true, description: 'Who marked it (staff only).' })
  markedBy(@Root() quote: Quote, @Ctx() { loaders }: GraphQLContext) {
    return quote.createdByUserId ? loaders.user.load(quote.createdByUserId) : null;
  }

  @FieldResolver(() => [QuoteTransition], { description: 'Every step, oldest first: who, when and why.' })
  transitions(@Root() quote: Quote, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.transitions(req, quote);
  }

  @Authorized(Permission.QuoteRead)
  @FieldResolver(() => QuoteUseConnection, {
    complexity: pagedComplexity,
    description: 'Every release and export it was used in, oldest first.',
  })
  uses(@Root() quote: Quote, @Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.uses(req, quote, page);
  }

  @FieldResolver(() => QuoteConsentState, { description: 'Whether it may be published, and named, as consent stands.' })
  consent(@Root() quote: Quote, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.consentState(req, quote);
  }

  @FieldResolver(() => DescriptionCheck, {
    description: 'The motivated-intruder check of its description; warns below the engagement threshold.',
  })
  descriptionCheck(@Root() quote: Quote, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.descriptionCheck(req, quote);
  }
}

@Resolver(() => QuoteTransition)
export class QuoteTransitionsResolver {
  @Authorized(Permission.UserList)
  @FieldResolver(() => User, { nullable: true, description: 'Who took the step (staff only).' })
  by(@Root() transition: QuoteTransition, @Ctx() { loaders }: GraphQLContext) {
    return transition.byUserId ? loaders.user.load(transition.byUserId) : null;
  }
}

@Resolver(() => Response)
export class ResponseQuotesResolver {
  @Authorized(Permission.QuoteRead)
  @FieldResolver(() => [Quote], { description: 'Quotes marked in it, oldest first (quote register roles).' })
  quotes(@Root() response: Response, @Ctx() { loaders }: GraphQLContext) {
    return loaders.responseQuotes.load(response.id);
  }
}

@Resolver(() => Release)
export class ReleaseQuotesResolver {
  @Authorized(Permission.QuoteRead)
  @FieldResolver(() => QuoteConnection, {
    complexity: pagedComplexity,
    description: "The quotes approved when it was built that are still published, in the release's order.",
  })
  quotes(@Root() release: Release, @Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.ofRelease(req, release.id, page);
  }

  @Authorized(Permission.QuoteRead)
  @FieldResolver(() => Int, {
    description:
      'How many of its quotes were taken out after it was built (a QUOTE or PARTICIPATION withdrawal, an erasure); ' +
      'more than 0 means a report made from it contains a withdrawn quote.',
  })
  removedQuoteCount(@Root() release: Release, @Ctx() { req, services }: GraphQLContext) {
    return services.quotes.removedFromRelease(req, release.id);
  }
}
