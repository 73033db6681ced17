import { SessionFormat, SessionStatus } from '@chorus/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One engagement event: a workshop, conversation, interview, questionnaire or focus group.' })
@Entity('sessions')
export class Session {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title!: string;

  @Field(() => SessionFormat)
  @Column({ type: 'text' })
  format!: SessionFormat;

  @Field(() => SessionStatus)
  @Column({ type: 'text' })
  status!: SessionStatus;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  areaId!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Field(() => String, { nullable: true, description: 'Who the session is for, e.g. "young carers".' })
  @Column({ type: 'text', nullable: true })
  audience!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many people attended, including those not registered.' })
  @Column({ type: 'integer', nullable: true })
  headcount!: number | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
