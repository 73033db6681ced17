import { Prompt, ResponseSource } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'What was said, under one prompt. Personal data in the text was redacted before storage.',
  simpleResolvers: true,
})
@Entity('responses')
export class Response {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  submissionId!: string | null;

  @Column({ type: 'integer' })
  position!: number;

  @Field(() => Prompt, { description: 'Which of the five prompts it answers.' })
  @Column({ type: 'text' })
  prompt!: Prompt;

  @Field(() => String, {
    nullable: true,
    description:
      'The words, with emails, phone numbers, postcodes and known names redacted. Null only when `textWithheld`.',
  })
  @Column({ type: 'text' })
  text!: string | null;

  @Field(() => Boolean, {
    description:
      'True when the text is withheld from you: a safeguarding flag is on it and your organisation did not submit it.',
  })
  textWithheld = false;

  @Field(() => String, { description: 'BCP 47 language tag, e.g. "en" or "ur".' })
  @Column({ type: 'text' })
  language!: string;

  @Field(() => ResponseSource, {
    description: 'How it reached Chorus: STAFF (entered by staff), PARTNER_API (a partner) or IMPORT.',
  })
  @Column({ type: 'text' })
  source!: ResponseSource;

  @Field(() => Date, { description: 'When it was stored.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
