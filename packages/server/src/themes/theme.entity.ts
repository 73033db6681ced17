import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A node of the codebook: themes form a tree.', simpleResolvers: true })
@Entity('themes')
export class Theme {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Field(() => String, { description: 'Short name; unique among its siblings, ignoring case.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What belongs under this theme, for coders.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
