import { AreaKind } from '@chorus/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'A neighbourhood or ward, with its census population where known (used for reach).',
  simpleResolvers: true,
})
@Entity('areas')
export class Area {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Name of the neighbourhood or ward; unique, ignoring case.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'ONS GSS code (a ward is E05 and six digits), for joining to other data; unique; null when not set.',
  })
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Field(() => AreaKind, { description: 'Ward, town or another kind of neighbourhood.' })
  @Column({ type: 'text' })
  kind!: AreaKind;

  @Field(() => Int, { nullable: true, description: 'Census population, when known.' })
  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
