import { ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One entry of the append-only consent ledger: a grant, a refusal or a withdrawal.' })
@Entity('consent_events')
export class ConsentEvent {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @Field(() => ConsentPurpose, { description: 'The purpose this entry is about.' })
  @Column({ type: 'text' })
  purpose!: ConsentPurpose;

  @Field(() => Boolean, { description: 'True for a grant; false for a refusal or a withdrawal.' })
  @Column({ type: 'boolean' })
  granted!: boolean;

  @Field(() => Boolean, { description: 'True when this entry withdraws an earlier grant.' })
  @Column({ type: 'boolean' })
  isWithdrawal!: boolean;

  @Field(() => ConsentMethod, { nullable: true, description: 'How the decision was given; null for a withdrawal.' })
  @Column({ type: 'text', nullable: true })
  method!: ConsentMethod | null;

  @Field(() => String, { nullable: true, description: 'The privacy-notice version the person was shown.' })
  @Column({ type: 'text', nullable: true })
  noticeVersion!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByApiKeyId!: string | null;

  @Field(() => Date, { description: 'When the entry was recorded.' })
  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
