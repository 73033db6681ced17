import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'What one run of the retention job deleted: counts only, never who.' })
@Entity('retention_runs')
export class RetentionRun {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => String, { description: 'The retention date the run acted on (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  retentionDate!: string;

  @Field(() => Date, { description: 'When the job ran.' })
  @Column({ type: 'timestamptz' })
  ranAt!: Date;

  @Field(() => Int, { description: 'Participants whose contact details were deleted.' })
  @Column({ type: 'integer' })
  contactDetailsDeleted!: number;

  @Field(() => Int, { description: 'Participants whose ethnicity, religion and disability answers were deleted.' })
  @Column({ type: 'integer' })
  specialCategoryDeleted!: number;

  @Field(() => Int, { description: 'Name digests kept for redaction that were deleted with the contact details.' })
  @Column({ type: 'integer' })
  nameDigestsDeleted!: number;
}
