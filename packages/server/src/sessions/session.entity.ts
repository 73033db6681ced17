import { SessionFormat, SessionStatus } from '@chorus/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'One engagement event: a workshop, conversation, interview, questionnaire or focus group.',
  simpleResolvers: true,
})
@Entity('sessions')
export class Session {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => String, { description: 'Short name of the session; at most 200 characters.' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => SessionFormat, { description: 'The kind of event.' })
  @Column({ type: 'text' })
  format!: SessionFormat;

  @Field(() => SessionStatus, { description: 'PLANNED until it happens, then HELD; CANCELLED if called off.' })
  @Column({ type: 'text' })
  status!: SessionStatus;

  @Field(() => Date, { description: 'When it starts.' })
  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ends; null when not given.' })
  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  areaId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where it is held, e.g. a library or community centre; null when not given.',
  })
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

  @Field(() => Date, { description: 'When the session was first recorded.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
