import {
  FlagSource,
  FlagStatus,
  Permission,
  Prompt,
  Role,
  SafeguardingCategory,
  ROLE_PERMISSIONS,
} from '@chorus/shared';
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
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { RuleKind } from './rule-set.js';

registerEnumType(RuleKind, {
  name: 'SafeguardingRuleKind',
  description: 'PHRASE: words matched as whole words; PATTERN: a case-insensitive regular expression.',
});

/** Who a flag is routed to: every role that may work the queue, read from the one permission table. */
const ROUTED_TO = Object.values(Role).filter((role) => ROLE_PERMISSIONS[role].includes(Permission.SafeguardingManage));

@ObjectType({ description: 'One rule of a safeguarding rule set.', simpleResolvers: true })
class SafeguardingRule {
  @Field(() => SafeguardingCategory, { description: 'What a match is flagged as.' })
  category!: SafeguardingCategory;

  @Field(() => RuleKind, { description: 'A phrase or a pattern.' })
  kind!: RuleKind;

  @Field(() => String, { description: 'The phrase, or the regular expression.' })
  text!: string;

  @Field(() => Boolean, { description: 'False: kept in the set, but matching nothing.' })
  enabled!: boolean;
}

@InputType({ description: 'One rule of an edited rule set.' })
class SafeguardingRuleInput {
  @Field(() => SafeguardingCategory, { description: 'What a match is flagged as.' })
  category!: SafeguardingCategory;

  @Field(() => RuleKind, { description: 'A phrase or a pattern.' })
  kind!: RuleKind;

  @Field(() => String, {
    description: 'A phrase (at least 3 characters) or a regular expression that cannot match an empty text.',
  })
  text!: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'False keeps the rule in the set, visible, but matching nothing.',
  })
  enabled?: boolean;
}

@ObjectType({ description: 'The rules that flag responses at submission.', simpleResolvers: true })
class SafeguardingRuleSet {
  @Field(() => Int, { description: "0 for Chorus's built-in rules; each save adds one." })
  version!: number;

  @Field(() => [SafeguardingRule], { description: 'Every rule, in order.' })
  rules!: SafeguardingRule[];

  @Field(() => Date, { nullable: true, description: 'When this version was saved; null for the built-in rules.' })
  savedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who saved it (display name).' })
  savedBy!: string | null;
}

@ObjectType({ description: 'The response a flag is on, as the safeguarding lead reads it.', simpleResolvers: true })
class FlaggedResponse {
  @Field(() => ID, { description: "The response's id." })
  id!: string;

  @Field(() => ID, { description: 'The session it was heard at.' })
  sessionId!: string;

  @Field(() => Prompt, { description: 'The prompt it answers.' })
  prompt!: Prompt;

  @Field(() => String, { description: 'The stored (redacted) text.' })
  text!: string;

  @Field(() => String, { description: 'Its language tag.' })
  language!: string;

  @Field(() => Date, { description: 'When it was stored.' })
  createdAt!: Date;
}

@ObjectType({ description: 'Something done about a flag.', simpleResolvers: true })
class SafeguardingAction {
  @Field(() => ID, { description: 'The action.' })
  id!: string;

  @Field(() => String, { description: 'What was done.' })
  action!: string;

  @Field(() => Date, { description: 'When it was recorded.' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded it (display name).' })
  recordedBy!: string | null;
}

@ObjectType({ description: 'A response flagged for safeguarding, routed to the safeguarding leads.' })
export class SafeguardingFlag {
  @Field(() => ID, { description: 'The flag.' })
  id!: string;

  @Field(() => SafeguardingCategory, { description: 'What it is about.' })
  category!: SafeguardingCategory;

  @Field(() => FlagSource, { description: 'Raised by a rule or by a member of staff.' })
  source!: FlagSource;

  @Field(() => FlagStatus, { description: 'OPEN or CLOSED.' })
  status!: FlagStatus;

  @Field(() => Int, { nullable: true, description: 'The rule-set version that raised it (RULE flags).' })
  ruleSetVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'The phrase or pattern that matched (RULE flags).' })
  rule!: string | null;

  @Field(() => Date, { description: 'When it was raised.' })
  raisedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who raised it (MANUAL flags; display name).' })
  raisedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who closed it (display name).' })
  closedBy!: string | null;

  @Field(() => FlaggedResponse, { description: 'The flagged response.' })
  response!: FlaggedResponse;
}

@InputType({ description: 'Narrows the safeguarding queue.' })
class SafeguardingFlagFilter {
  @Field(() => FlagStatus, { nullable: true, description: 'OPEN (the default) or CLOSED.' })
  status?: FlagStatus | null;

  @Field(() => SafeguardingCategory, { nullable: true, description: 'Only this category.' })
  category?: SafeguardingCategory | null;
}

@InputType({ description: 'A response flagged by hand.' })
class FlagResponseInput {
  @Field(() => ID, { description: 'The response (UUID); it must be within your reach.' })
  responseId!: string;

  @Field(() => SafeguardingCategory, { description: 'What it is about.' })
  category!: SafeguardingCategory;

  @Field(() => String, { nullable: true, description: 'Why, for the safeguarding lead (up to 2,000 characters).' })
  note?: string | null;
}

const SafeguardingFlagConnection = Connection(SafeguardingFlag, 'SafeguardingFlag');

@Resolver(() => SafeguardingFlag)
export class SafeguardingResolver {
  @Authorized(Permission.SafeguardingManage)
  @Query(() => SafeguardingRuleSet, { description: 'The rule set that flags responses at submission, as it stands.' })
  safeguardingRuleSet(@Ctx() { req, services }: GraphQLContext) {
    return services.safeguardingRules.ruleSet(req);
  }

  @Authorized(Permission.SafeguardingManage)
  @Query(() => SafeguardingFlagConnection, {
    complexity: pagedComplexity,
    description: 'The safeguarding queue, newest first: open flags unless the filter says CLOSED.',
  })
  safeguardingFlags(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SafeguardingFlagFilter, { nullable: true, description: 'Status and category.' })
    filter: SafeguardingFlagFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguarding.list(req, filter, page);
  }

  @Authorized(Permission.SafeguardingManage)
  @Query(() => SafeguardingFlag, { description: 'One flag; NOT_FOUND when absent.' })
  safeguardingFlag(
    @Arg('id', () => ID, { description: "The flag's id." }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguarding.get(req, id);
  }

  @Authorized(Permission.SafeguardingManage)
  @Mutation(() => SafeguardingRuleSet, {
    description: 'Saves the rules as a new version; BAD_USER_INPUT names a broken rule (rules.3.text).',
  })
  saveSafeguardingRules(
    @Arg('rules', () => [SafeguardingRuleInput], { description: 'The whole rule set, as it should be.' })
    rules: SafeguardingRuleInput[],
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguardingRules.saveRules(req, rules);
  }

  @Authorized(Permission.SafeguardingFlag)
  @Mutation(() => SafeguardingFlag, { description: 'Flags a response by hand; it goes to the safeguarding queue.' })
  flagResponse(
    @Arg('input', () => FlagResponseInput, { description: 'The response, the category and a note.' })
    input: FlagResponseInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguarding.flag(req, input);
  }

  @Authorized(Permission.SafeguardingManage)
  @Mutation(() => SafeguardingFlag, { description: 'Records what was done; refused on a closed flag.' })
  recordSafeguardingAction(
    @Arg('flagId', () => ID, { description: 'The flag.' }) flagId: string,
    @Arg('action', () => String, { description: 'What was done (up to 2,000 characters).' }) action: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguarding.recordAction(req, flagId, action);
  }

  @Authorized(Permission.SafeguardingManage)
  @Mutation(() => SafeguardingFlag, { description: 'Closes a flag; refused when it is already closed.' })
  closeSafeguardingFlag(
    @Arg('flagId', () => ID, { description: 'The flag.' }) flagId: string,
    @Arg('action', () => String, { nullable: true, description: 'What was finally done, recorded with the close.' })
    action: string | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.safeguarding.close(req, flagId, action);
  }

  @Authorized(Permission.SafeguardingManage)
  @FieldResolver(() => [SafeguardingAction], {
    description: 'What was done about it, oldest first (safeguarding leads).',
  })
  actions(@Root() flag: SafeguardingFlag, @Ctx() { loaders }: GraphQLContext) {
    return loaders.flagActions.load(flag.id);
  }

  @FieldResolver(() => [Role], { description: 'The roles it is routed to: those that may work the queue.' })
  routedTo(): Role[] {
    return ROUTED_TO;
  }
}
