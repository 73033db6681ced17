import { Permission, QuestionnaireSessionMode } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Session } from '../sessions/session.entity.js';

@ObjectType({ description: 'The public questionnaire at /questionnaire, as the coordinator set it.' })
class Questionnaire {
  @Field(() => Boolean, { description: 'Whether residents can answer it now.' })
  open!: boolean;

  @Field(() => QuestionnaireSessionMode, { description: 'Which session its answers are filed under.' })
  sessionMode!: QuestionnaireSessionMode;

  @Field(() => Date, { nullable: true, description: 'When it was last opened, closed or changed; null if never.' })
  updatedAt!: Date | null;
}

@Resolver(() => Questionnaire)
export class QuestionnaireResolver {
  @Authorized(Permission.QuestionnaireManage)
  @Query(() => Questionnaire, { description: 'The public questionnaire: open or closed, and how it files answers.' })
  questionnaire(@Ctx() { req, services }: GraphQLContext) {
    return services.questionnaire.settings(req);
  }

  @Authorized(Permission.QuestionnaireManage)
  @Mutation(() => Questionnaire, {
    description:
      'Opens or closes the public questionnaire (audited); opening makes the sessions it files answers under.',
  })
  setQuestionnaireOpen(
    @Arg('open', () => Boolean, { description: 'True to let residents answer, false to stop them.' }) open: boolean,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.questionnaire.setOpen(req, open);
  }

  @Authorized(Permission.QuestionnaireManage)
  @Mutation(() => Questionnaire, {
    description: 'Files later answers under one session per area, or one for the whole channel (audited).',
  })
  setQuestionnaireSessionMode(
    @Arg('sessionMode', () => QuestionnaireSessionMode, { description: 'PER_AREA or PER_CHANNEL.' })
    sessionMode: QuestionnaireSessionMode,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.questionnaire.setSessionMode(req, sessionMode);
  }

  @FieldResolver(() => [Session], {
    description: 'The QUESTIONNAIRE sessions of the current mode (none until opened).',
  })
  async sessions(@Root() _questionnaire: Questionnaire, @Ctx() { req, services, loaders }: GraphQLContext) {
    const ids = await services.questionnaire.sessionIds(req);
    const sessions = await Promise.all(ids.map((id) => loaders.session.load(id)));
    return sessions.filter((session): session is Session => session !== null && session !== undefined);
  }
}
