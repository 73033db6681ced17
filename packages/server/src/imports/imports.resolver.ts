import { ConsentMethod, ConsentPurpose, Permission, Prompt } from '@chorus/shared';
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
import { Session } from '../sessions/session.entity.js';
import { ImportStatus } from './imports.service.js';

registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description:
    'Where an import is: WAITING_FOR_FILE, then CHECKED (ready) or INVALID (see errors), QUEUED, IMPORTING, and DONE or FAILED; DUPLICATE when the same file was already imported into the session.',
});

@ObjectType({ description: 'A problem with one cell of an imported file.', simpleResolvers: true })
class ImportRowError {
  @Field(() => Int, { description: 'The row, as a spreadsheet numbers it: the heading row is 1.' })
  row!: number;

  @Field(() => String, { description: "The column's name in the file's heading row." })
  column!: string;

  @Field(() => String, { description: 'What is wrong, and how to put it right.' })
  reason!: string;
}

const ImportRowErrorConnection = Connection(ImportRowError, 'ImportRowError');

@ObjectType({ description: 'A CSV or XLSX file of answers being imported into a session, all rows or none.' })
class ResponseImport {
  @Field(() => ID, { description: "The import's id: it names the upload path, and `responseImport` reads it." })
  id!: string;

  sessionId!: string;

  @Field(() => String, { description: "The file's name, as given when the import was made." })
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'CSV or XLSX, once the file is uploaded.' })
  format!: string | null;

  @Field(() => ImportStatus, { description: 'Where the import is; see ImportStatus.' })
  status!: ImportStatus;

  @Field(() => Int, { description: 'Rows under the heading row (blank rows are skipped).' })
  rows!: number;

  @Field(() => Int, { description: 'Problems found; the import can start only with none.' })
  errorCount!: number;

  @Field(() => Int, { description: 'Percent done while it is IMPORTING; 100 when DONE.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'What it is doing or did, in words.' })
  stage!: string | null;

  @Field(() => Int, { description: 'Participants stored, once DONE.' })
  participantsStored!: number;

  @Field(() => Int, { description: 'Responses stored, once DONE.' })
  responsesStored!: number;

  @Field(() => Int, { description: 'Responses the safeguarding rules flagged, once DONE.' })
  flagsRaised!: number;

  @Field(() => ID, { nullable: true, description: 'When DUPLICATE: the import that stored this file.' })
  duplicateOf!: string | null;

  @Field(() => String, { description: 'Where to PUT the file (docs/api.md, "Bulk import").' })
  uploadPath!: string;

  @Field(() => Date, { description: 'When the import was made.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was DONE, FAILED or found a DUPLICATE; null before.' })
  finishedAt!: Date | null;
}

@InputType({ description: 'The column that holds the answers to one prompt.' })
class PromptColumnInput {
  @Field(() => Prompt, { description: 'The prompt the column answers.' })
  prompt!: Prompt;

  @Field(() => String, { description: "The column's name in the heading row (case and spaces around it ignored)." })
  column!: string;
}

@InputType({ description: 'The column that records one consent: yes, no, or blank when it was not asked.' })
class ConsentColumnInput {
  @Field(() => ConsentPurpose, { description: 'The consent the column records.' })
  purpose!: ConsentPurpose;

  @Field(() => String, { description: "The column's name in the heading row." })
  column!: string;
}

@InputType({ description: "Which of the file's columns holds what." })
class ImportColumnsInput {
  @Field(() => [PromptColumnInput], { description: 'At least one prompt; each row must answer at least one.' })
  answers!: PromptColumnInput[];

  @Field(() => [ConsentColumnInput], {
    description: 'PARTICIPATION is required: a row without it granted is an error.',
  })
  consents!: ConsentColumnInput[];

  @Field(() => String, { description: 'How each person is part of the city: lives, works, studies, volunteers.' })
  connections!: string;

  @Field(() => String, { nullable: true, description: "An area's name or code." })
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'An age band such as 16-24, 75+ or prefer not to say.' })
  ageBand?: string | null;

  @Field(() => String, { nullable: true, description: 'A language tag; "en" when blank or not mapped.' })
  language?: string | null;
}

@InputType({ description: 'A new import: where the rows go and how to read them.' })
class CreateResponseImportInput {
  @Field(() => ID, { description: 'The session every row is filed under; a partner: one of its own.' })
  sessionId!: string;

  @Field(() => String, { description: "The file's name, for the import's record." })
  fileName!: string;

  @Field(() => ImportColumnsInput, { description: "Which of the file's columns holds what." })
  columns!: ImportColumnsInput;

  @Field(() => ConsentMethod, { description: 'How the consents in the file were given (WRITTEN for a paper form).' })
  consentMethod!: ConsentMethod;

  @Field(() => String, {
    description: 'The privacy notice version the people in the file were shown: one of engagement.noticeVersions.',
  })
  noticeVersion!: string;
}

const withPath = <T extends { id: string }>(found: T) => ({ ...found, uploadPath: `/imports/${found.id}/file` });

@Resolver(() => ResponseImport)
export class ImportsResolver {
  @Authorized(Permission.ResponseImport)
  @Query(() => ResponseImport, { description: 'An import, with its errors and progress.' })
  async responseImport(
    @Arg('id', () => ID, { description: 'The import, as createResponseImport answered it.' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return withPath(await services.imports.get(req, id));
  }

  @Authorized(Permission.ResponseImport)
  @Mutation(() => ResponseImport, {
    description: 'Makes an import (WAITING_FOR_FILE); then PUT the file to its uploadPath.',
  })
  async createResponseImport(
    @Arg('input', () => CreateResponseImportInput, { description: 'The session, the mapping and the consent method.' })
    input: CreateResponseImportInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return withPath(await services.imports.create(req, input));
  }

  @Authorized(Permission.ResponseImport)
  @Mutation(() => ResponseImport, {
    description:
      'Queues a CHECKED import as a job (audited); safe to retry. The same file already imported into the session comes back DUPLICATE and is not stored again.',
  })
  async startResponseImport(
    @Arg('id', () => ID, { description: 'A CHECKED import.' }) id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return withPath(await services.imports.start(req, id));
  }

  @FieldResolver(() => Session, { nullable: true, description: 'The session the rows are filed under.' })
  session(@Root() found: ResponseImport, @Ctx() { loaders }: GraphQLContext) {
    return loaders.session.load(found.sessionId);
  }

  @Authorized(Permission.ResponseImport)
  @FieldResolver(() => ImportRowErrorConnection, {
    complexity: pagedComplexity,
    description: 'Every problem found, by row then column.',
  })
  errors(
    @Root() found: ResponseImport,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.imports.errors(req, found.id, page);
  }
}
