import { Prompt } from '@chorus/shared';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where a version of the board report is: BUILDING by a job, READY to read and download, or FAILED. */
export enum ReportStatus {
  BUILDING = 'BUILDING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/** A section of the report that carries analyst-written narrative: the overview, one per prompt, the methods. */
export enum ReportSection {
  OVERVIEW = 'OVERVIEW',
  VALUES = Prompt.VALUES,
  BELONGING = Prompt.BELONGING,
  CHALLENGES = Prompt.CHALLENGES,
  FUTURE = Prompt.FUTURE,
  WHAT_WORKS = Prompt.WHAT_WORKS,
  METHODS = 'METHODS',
}

registerEnumType(ReportStatus, { name: 'ReportStatus', description: 'BUILDING by a job, READY, or FAILED.' });
registerEnumType(ReportSection, {
  name: 'ReportSection',
  description: 'A section of the board report: OVERVIEW, one per prompt, METHODS.',
});

@ObjectType({ description: 'The Markdown an analyst wrote for one section.', simpleResolvers: true })
export class ReportNarrative {
  @Field(() => ReportSection, { description: 'The section it belongs to.' })
  section!: ReportSection;

  @Field(() => String, { description: "The section's title in the report." })
  title!: string;

  @Field(() => String, { description: 'Markdown; raw HTML, images and unsafe links are not rendered.' })
  markdown!: string;

  @Field(() => Date, { nullable: true, description: 'When it was last changed; null if never written.' })
  updatedAt!: Date | null;
}

@ObjectType({
  description:
    'One version of the board report: built by a job from one release of figures and the quotes approved at the ' +
    'time, with the narrative as it stood; every figure names its release table and cell, every quote its register entry.',
  simpleResolvers: true,
})
@Entity('board_reports')
export class BoardReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => Int, { description: 'Numbered from 1 within the engagement, increasing.' })
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'uuid' })
  releaseId!: string;

  @Field(() => Int, { description: 'The release of figures it was built from.' })
  @Column({ type: 'integer' })
  releaseVersion!: number;

  @Field(() => ReportStatus, { description: 'BUILDING, READY or FAILED.' })
  @Column({ type: 'text' })
  status!: ReportStatus;

  @Field(() => Int, { description: 'How far the build has got, 0 to 100.' })
  @Column({ type: 'integer' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'What the build is doing now, or did last.' })
  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  /** Section → Markdown, copied from the narrative when the build was asked for. */
  @Column({ type: 'jsonb' })
  narrative!: Partial<Record<ReportSection, string>>;

  @Field(() => Int, { nullable: true, description: 'How many release figures it prints, once built.' })
  @Column({ type: 'integer', nullable: true })
  figureCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many approved quotes it printed, once built.' })
  @Column({ type: 'integer', nullable: true })
  quoteCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Approved quotes left out at build time because their QUOTE consent had been withdrawn.',
  })
  @Column({ type: 'integer', nullable: true })
  quotesLeftOut!: number | null;

  @Field(() => Int, {
    description:
      'Quotes it printed that were withdrawn (or erased) after it was built; more than 0: it contains a withdrawn ' +
      'quote, and its downloads now leave them out.',
  })
  @Column({ type: 'integer' })
  withdrawnQuotes!: number;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @Field(() => Date, { description: 'When it was asked for.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was built.' })
  @Column({ type: 'timestamptz', nullable: true })
  builtAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When a coordinator published it; from then council keys may read and download it.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedByUserId!: string | null;
}
