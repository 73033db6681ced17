import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'A response, or an excerpt of it, coded to a theme by a named coder.',
  simpleResolvers: true,
})
@Entity('codings')
export class Coding {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  responseId!: string;

  @Column({ type: 'uuid' })
  themeId!: string;

  @Field(() => String, { nullable: true, description: 'The coded excerpt; absent when the whole response is coded.' })
  @Column({ type: 'text', nullable: true })
  excerpt!: string | null;

  @Column({ type: 'uuid', nullable: true })
  coderUserId!: string | null;

  @Field(() => Boolean, { description: 'Whether the coder accepted a theme suggestion to make it.' })
  @Column({ type: 'boolean' })
  fromSuggestion!: boolean;

  @Field(() => Int, { nullable: true, description: 'The version of the suggestion model that suggested it.' })
  @Column({ type: 'integer', nullable: true })
  suggestionModelVersion!: number | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedByUserId!: string | null;

  @Field(() => Date, { description: 'When it was coded.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
