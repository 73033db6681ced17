import { Permission } from '@chorus/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { AUDIT_VOCABULARY, AuditAction, auditActionName } from './audit-action.js';
import type { CallerKindName } from './audit-log.service.js';

/** The vocabulary as a GraphQL enum: AREA_CREATED stands for the stored `area.created`. */
const AuditActionEnum = Object.fromEntries(
  Object.values(AuditAction).map((action) => [auditActionName(action), action]),
);
registerEnumType(AuditActionEnum, {
  name: 'AuditAction',
  description: 'What an audit entry records; `auditVocabulary` describes each.',
  valuesConfig: Object.fromEntries(
    Object.values(AuditAction).map((action) => [auditActionName(action), { description: AUDIT_VOCABULARY[action] }]),
  ),
});

enum AuditCallerKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(AuditCallerKind, {
  name: 'AuditCallerKind',
  description: 'Who acted: a signed-in user, an API key, or Chorus itself (start-up, jobs, demo data).',
});

@ObjectType({
  description: 'One entry of the append-only audit trail. It holds ids and counts, never personal data.',
  simpleResolvers: true,
})
export class AuditEvent {
  @Field(() => ID, { description: 'The entry; later entries have larger ids.' })
  id!: string;

  @Field(() => Date, { description: 'When it happened.' })
  at!: Date;

  @Field(() => AuditActionEnum, { description: 'What was done.' })
  action!: AuditAction;

  @Field(() => AuditCallerKind, { description: 'Who did it: a user, an API key or the system.' })
  callerKind!: CallerKindName;

  @Field(() => ID, { nullable: true, description: "The user's or API key's id; null for the system." })
  callerId!: string | null;

  @Field(() => String, { description: 'The kind of record, e.g. participant, session, safeguarding_flag.' })
  recordType!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The record's id; null when none, or once an erasure anonymised it.",
  })
  recordId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The request (or `job:<id>`) it happened in; ties entries together.',
  })
  requestId!: string | null;

  @Field(() => String, { description: 'Ids, counts and enum values as a JSON object.' })
  details!: string;
}

@ObjectType({ description: 'One action of the audit vocabulary.', simpleResolvers: true })
class AuditActionDescription {
  @Field(() => AuditActionEnum, { description: 'The action.' })
  action!: AuditAction;

  @Field(() => String, { description: 'How it is stored and exported, e.g. participant.contact_read.' })
  code!: string;

  @Field(() => String, { description: 'What it means.' })
  description!: string;
}

@InputType({ description: 'Narrows the audit log; every condition must hold.' })
class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Entries about this record.' })
  recordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries by this user or API key.' })
  callerId?: string | null;

  @Field(() => AuditActionEnum, { nullable: true, description: 'Entries of this action.' })
  action?: AuditAction | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}

const AuditEventConnection = Connection(AuditEvent, 'AuditEvent');

@Resolver()
export class AuditResolver {
  @Authorized(Permission.AuditRead)
  @Query(() => AuditEventConnection, {
    complexity: pagedComplexity,
    description: 'The audit trail of the engagement, newest first (admins). CSV: GET /exports/audit.csv.',
  })
  auditEvents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Narrows the log; all of it when left out.' })
    filter: AuditEventFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.auditLog.search(req, filter, page);
  }

  @Authorized(Permission.AuditRead)
  @Query(() => [AuditActionDescription], { description: 'Every action the audit trail records, with its meaning.' })
  auditVocabulary(): AuditActionDescription[] {
    return Object.values(AuditAction).map((action) => ({
      action,
      code: action,
      description: AUDIT_VOCABULARY[action],
    }));
  }
}
