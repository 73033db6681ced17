import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The two jobs that make suggestions. */
export enum SuggestionRunKind {
  MODEL = 'MODEL',
  CANDIDATES = 'CANDIDATES',
}

export enum SuggestionRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}

registerEnumType(SuggestionRunKind, {
  name: 'SuggestionRunKind',
  description: 'MODEL trains the theme classifier on the codings; CANDIDATES groups uncoded responses.',
});
registerEnumType(SuggestionRunStatus, {
  name: 'SuggestionRunStatus',
  description: 'QUEUED, RUNNING (see progress), READY, or FAILED (nothing kept; start another).',
});

@ObjectType({ description: 'One numbered run of a suggestion job, with its progress.', simpleResolvers: true })
export class SuggestionRun {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  id!: string;

  @Field(() => SuggestionRunKind, { description: 'Which job.' })
  kind!: SuggestionRunKind;

  @Field(() => Int, { description: 'Numbered from 1 per engagement and kind; a MODEL version is what codings record.' })
  version!: number;

  @Field(() => SuggestionRunStatus, { description: 'Where it is.' })
  status!: SuggestionRunStatus;

  @Field(() => Float, { description: 'The share done, 0 to 1.' })
  progress!: number;

  @Field(() => Int, { nullable: true, description: 'How many responses it learnt from or grouped, once read.' })
  responsesUsed!: number | null;

  @Field(() => Int, { nullable: true, description: 'MODEL: how many themes it can suggest.' })
  themes!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'MODEL: how many codings the engagement had when it read them (what "changed since" counts from).',
  })
  codingsUsed!: number | null;

  startedAt!: Date | null;

  @Field(() => Date, { description: 'When it was asked for.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it became READY or FAILED.' })
  finishedAt!: Date | null;

  requestedByUserId!: string | null;
}

@ObjectType({ description: 'A theme the model suggests for a response, and why.', simpleResolvers: true })
export class ThemeSuggestion {
  themeId!: string;

  @Field(() => Float, { description: "The model's probability that the theme applies, 0 to 1." })
  score!: number;

  @Field(() => [String], { description: 'The words of the response that drove the suggestion most, strongest first.' })
  words!: string[];

  @Field(() => Int, { description: 'The model version; pass it as suggestionModelVersion when accepting.' })
  modelVersion!: number;
}

@ObjectType({
  description: 'A suggested theme a coder turned down for a response; it is not suggested for that response again.',
  simpleResolvers: true,
})
export class ThemeSuggestionRejection {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  id!: string;

  themeId!: string;

  @Field(() => Int, { description: 'The model version whose suggestion was rejected.' })
  modelVersion!: number;

  @Field(() => Date, { description: 'When it was first rejected.' })
  rejectedAt!: Date;
}

@ObjectType({
  description: 'A group of similar uncoded responses, offered as a new theme.',
  simpleResolvers: true,
})
export class ThemeCandidate {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  id!: string;

  @Field(() => Int, { description: 'How many uncoded responses fell into the group.' })
  size!: number;

  @Field(() => [String], { description: 'Its most characteristic words and phrases, strongest first.' })
  keyphrases!: string[];

  exampleResponseIds!: string[];

  themeId!: string | null;
}
