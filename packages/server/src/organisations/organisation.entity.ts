import { Sector } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A partner organisation that runs sessions.' })
@Entity('organisations')
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Sector)
  @Column({ type: 'text' })
  sector!: Sector;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
