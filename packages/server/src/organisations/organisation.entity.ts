import { Sector } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A partner organisation that runs sessions.', simpleResolvers: true })
@Entity('organisations')
export class Organisation {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Name of the organisation; unique, ignoring case.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Sector, { description: 'The sector it works in.' })
  @Column({ type: 'text' })
  sector!: Sector;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
