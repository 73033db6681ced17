import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Dimension, Measure, SuppressionReason } from '../disclosure/index.js';

/** Where a release is in its life: only PUBLISHED releases are read by council keys and exported. */
export enum ReleaseStatus {
  BUILDING = 'BUILDING',
  PUBLISHED = 'PUBLISHED',
  FAILED = 'FAILED',
}

/** A figure of a released table: a cell, or one of its margins. */
export enum ReleaseCellKind {
  CELL = 'CELL',
  ROW_TOTAL = 'ROW_TOTAL',
  COLUMN_TOTAL = 'COLUMN_TOTAL',
  TOTAL = 'TOTAL',
}

registerEnumType(ReleaseStatus, { name: 'ReleaseStatus', description: 'Where a release is in its life.' });
registerEnumType(ReleaseCellKind, {
  name: 'ReleaseCellKind',
  description: 'A cell of a table, or one of its margins (row totals, column totals, the grand total).',
});

@ObjectType({
  description:
    'A numbered, immutable snapshot of every council table, taken at one moment; what exports and council keys read.',
  simpleResolvers: true,
})
@Entity('releases')
export class Release {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => Int, { description: 'Numbered from 1 within the engagement, increasing.' })
  @Column({ type: 'integer' })
  version!: number;

  @Field(() => ReleaseStatus, { description: 'BUILDING while its tables are computed; PUBLISHED once readable.' })
  @Column({ type: 'text' })
  status!: ReleaseStatus;

  @Field(() => Int, { nullable: true, description: 'The suppression threshold its figures were released under.' })
  @Column({ type: 'integer', nullable: true })
  threshold!: number | null;

  @Field(() => String, { nullable: true, description: 'The disclosure-control method and its parameters.' })
  @Column({ type: 'text', nullable: true })
  method!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'sha256 of its tables as canonical JSON: the same figures give the same hash, whatever the version.',
  })
  @Column({ type: 'text', nullable: true })
  contentHash!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many tables it holds.' })
  @Column({ type: 'integer', nullable: true })
  tableCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many figures (cells and margins) its tables hold.' })
  @Column({ type: 'integer', nullable: true })
  cellCount!: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedByApiKeyId!: string | null;

  @Field(() => Date, { description: 'When it was asked for.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'The moment its figures describe: every table reads this one snapshot.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  snapshotAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}

@ObjectType({ description: 'One figure of a released table, exactly as exports carry it.', simpleResolvers: true })
export class ReleaseCell {
  @Field(() => ReleaseCellKind, { description: 'A cell, or a margin.' })
  kind!: ReleaseCellKind;

  @Field(() => String, {
    nullable: true,
    description: 'The row: an area id, an enum value or YYYY-MM; null for "not stated" and for column totals.',
  })
  rowKey!: string | null;

  @Field(() => String, { nullable: true, description: "The row's label." })
  rowLabel!: string | null;

  @Field(() => String, { nullable: true, description: 'The column, as rowKey; null for row totals.' })
  columnKey!: string | null;

  @Field(() => String, { nullable: true, description: "The column's label." })
  columnLabel!: string | null;

  @Field(() => Int, { nullable: true, description: 'The released (perturbed) figure; null when withheld.' })
  value!: number | null;

  @Field(() => Boolean, { description: 'True when the figure is withheld.' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is withheld.' })
  reason!: SuppressionReason | null;

  /** Its position in the table: the cursor of a page of cells. */
  ordinal!: number;
}

@ObjectType({ description: 'One table of a release.', simpleResolvers: true })
export class ReleaseTable {
  releaseId!: string;

  @Field(() => String, { description: 'Its name in export URLs, e.g. themes-by-area.' })
  name!: string;

  @Field(() => String, { description: 'What it shows, in words.' })
  title!: string;

  @Field(() => Dimension, { description: 'What its rows are broken down by.' })
  rows!: Dimension;

  @Field(() => Dimension, { description: 'What its columns are broken down by (as rows, or THEME).' })
  columns!: Dimension;

  @Field(() => Measure, { description: 'Distinct responses, or distinct people among them.' })
  measure!: Measure;

  @Field(() => String, { description: 'sha256 of this table as canonical JSON.' })
  contentHash!: string;

  @Field(() => Int, { description: 'How many figures it holds, margins included.' })
  cellCount!: number;
}
