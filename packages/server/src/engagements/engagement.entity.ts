import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One listening exercise: its name, period, privacy notices and disclosure threshold.' })
@Entity('engagements')
export class Engagement {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'The exercise as the public knows it.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'First day of listening (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  startsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of listening (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field(() => [String], { description: 'Privacy-notice versions in use, oldest first; the last is current.' })
  @Column({ type: 'text', array: true })
  noticeVersions!: string[];

  @Field(() => Int, { description: 'Smallest count an aggregate cell may show; smaller cells are suppressed.' })
  @Column({ type: 'integer' })
  suppressionThreshold!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'After this day (YYYY-MM-DD) contact details and special-category data are deleted; null when not set.',
  })
  @Column({ type: 'date', nullable: true })
  retentionDate!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
