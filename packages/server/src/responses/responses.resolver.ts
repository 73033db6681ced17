import { Prompt, Permission } from '@chorus/shared';
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
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Coding } from '../codings/coding.entity.js';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { selects } from '../graphql/look-ahead.js';
import { Participant } from '../participants/participant.entity.js';
import { Session } from '../sessions/session.entity.js';
import { Theme } from '../themes/theme.entity.js';
import { Response } from './response.entity.js';

const ResponseConnection = Connection(Response, 'Response');

@InputType({ description: 'One thing said, under one prompt.' })
class ResponseInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Who said it; leave out for group notes. Needs PARTICIPATION consent standing.',
  })
  participantId?: string | null;

  @Field(() => Prompt, { description: 'Which of the five prompts it answers.' })
  prompt!: Prompt;

  @Field(() => String, { description: 'Up to 10,000 characters; personal data is redacted before storage.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Language tag; "en" when left out.' })
  language?: string | null;
}

@InputType({ description: 'A batch of responses from one session, stored whole or not at all.' })
class SubmitResponsesInput {
  @Field(() => ID, {
    description: 'The session they were heard at (UUID); must be within your reach and not CANCELLED.',
  })
  sessionId!: string;

  @Field(() => String, {
    description:
      'Your unique key for this batch (a UUID is ideal). Retrying with the same key and payload stores nothing new.',
  })
  idempotencyKey!: string;

  @Field(() => [ResponseInput], { description: 'At most 500.' })
  responses!: ResponseInput[];
}

@ObjectType({ description: 'The stored batch.' })
class SubmitResponsesPayload {
  @Field(() => Boolean, {
    description: "True when this key was seen before: these are the first submission's responses.",
  })
  duplicate!: boolean;

  @Field(() => [Response], { description: 'The stored, redacted responses, in the order submitted.' })
  responses!: Response[];
}

@InputType({ description: 'Narrows a list of responses; every condition must hold.' })
class ResponseFilter {
  @Field(() => ID, { nullable: true, description: 'Only responses from this session.' })
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only responses by this participant.' })
  participantId?: string | null;

  @Field(() => Prompt, { nullable: true, description: 'Only responses under this prompt.' })
  prompt?: Prompt | null;

  @Field(() => ID, { nullable: true, description: 'Responses coded to this theme.' })
  themeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Responses from sessions in this area.' })
  areaId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only responses not yet coded.' })
  uncoded?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search (English stemming; "quoted phrases", -exclusions).',
  })
  search?: string | null;
}

@Resolver(() => Response)
export class ResponsesResolver {
  @Authorized(Permission.ResponseRead)
  @Query(() => ResponseConnection, {
    complexity: pagedComplexity,
    description: 'Responses the caller may see, newest first.',
  })
  async responses(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ResponseFilter, {
      nullable: true,
      description: 'Narrows the list; every response in reach when left out.',
    })
    filter: ResponseFilter | null,
    @Ctx() { req, services, loaders }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const node = ['edges', 'node'];
    const codings = selects(info, [...node, 'codings']) && req.caller.can(Permission.CodingRead);
    const listed = await services.responses.list(req, filter, page, {
      participant: selects(info, [...node, 'participant']),
      session: selects(info, [...node, 'session']),
      codings,
      codingThemes: codings && selects(info, [...node, 'codings', 'theme']),
    });
    // Read with the page, so the field resolvers below find them loaded and send nothing more.
    const { participants, sessions, codings: codingsOf, themes } = listed.children;
    for (const [id, participant] of participants ?? []) loaders.participant.prime(id, participant);
    for (const [id, session] of sessions ?? []) loaders.session.prime(id, session);
    for (const [id, list] of codingsOf ?? []) loaders.responseCodings.prime(id, list);
    for (const [id, theme] of themes ?? []) loaders.theme.prime(id, theme);
    return listed;
  }

  @Authorized(Permission.ResponseRead)
  @Query(() => Response, { description: 'One response; NOT_FOUND when absent or out of reach.' })
  response(
    @Arg('id', () => ID, { description: "The response's id (UUID)." }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.responses.get(req, id);
  }

  @Authorized(Permission.ResponseSubmit)
  @Mutation(() => SubmitResponsesPayload, {
    description:
      'Stores a batch all-or-nothing; idempotent per idempotencyKey (IDEMPOTENCY_CONFLICT on a different payload).',
  })
  submitResponses(
    @Arg('input', () => SubmitResponsesInput, {
      description: 'The batch: session, idempotency key and up to 500 responses.',
    })
    input: SubmitResponsesInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.responses.submit(req, input);
  }

  @FieldResolver(() => Session, { description: 'The session it was heard at.' })
  session(@Root() response: Response, @Ctx() { loaders }: GraphQLContext) {
    return loaders.session.load(response.sessionId);
  }

  @FieldResolver(() => Participant, { nullable: true, description: 'Who said it; null for group notes.' })
  participant(@Root() response: Response, @Ctx() { loaders }: GraphQLContext) {
    return response.participantId ? loaders.participant.load(response.participantId) : null;
  }

  @FieldResolver(() => [Theme], { description: 'Themes it is coded to.' })
  themes(@Root() response: Response, @Ctx() { loaders }: GraphQLContext) {
    return loaders.responseThemes.load(response.id);
  }

  @Authorized(Permission.CodingRead)
  @FieldResolver(() => [Coding], { description: 'Its codings, with excerpts (analysis roles).' })
  codings(@Root() response: Response, @Ctx() { loaders }: GraphQLContext) {
    return loaders.responseCodings.load(response.id);
  }
}
