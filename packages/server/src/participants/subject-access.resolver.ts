import { participantExportPath, Permission } from '@chorus/shared';
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';

@ObjectType({ description: 'A subject access export: everything held about one person (admin; audited).' })
class ParticipantDataExport {
  @Field(() => ID, { description: 'The participant (UUID).' })
  participantId!: string;

  @Field(() => Date, { description: 'When the export was built.' })
  generatedAt!: Date;

  @Field(() => String, {
    description:
      'The whole export as JSON text: registration, contact details, demographics, consents with notice versions, responses, codings (with suggestion provenance), blind double coding (agreement items and codings), quotes with where used (release and report versions) and removals, audit entries.',
  })
  json!: string;

  @Field(() => String, {
    description: 'Where the same export downloads as JSON (GET with your bearer token); the path names only the id.',
  })
  jsonPath!: string;

  @Field(() => String, { description: 'Where it downloads as a readable HTML page for the person.' })
  htmlPath!: string;
}

@Resolver()
export class SubjectAccessResolver {
  @Authorized(Permission.ParticipantExport)
  @Mutation(() => ParticipantDataExport, {
    description:
      'Builds a subject access export for one person, by id or printable code (audited); answer within a month (docs/privacy.md).',
  })
  async participantDataExport(
    @Arg('participant', () => String, { description: "The participant's id (UUID) or printable code." })
    participant: string,
    @Ctx() { req, services }: GraphQLContext,
  ): Promise<ParticipantDataExport> {
    const data = await services.subjectAccess.export(req, participant);
    const participantId = data.participant.id as string;
    return {
      participantId,
      generatedAt: new Date(data.generatedAt),
      json: JSON.stringify(data),
      jsonPath: participantExportPath(participantId, 'json'),
      htmlPath: participantExportPath(participantId, 'html'),
    };
  }
}
