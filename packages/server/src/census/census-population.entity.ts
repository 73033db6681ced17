import { SpecialCategory } from '@chorus/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'How many people of one special-category group live in an area, by the Census: reference data for reach.',
  simpleResolvers: true,
})
@Entity('census_populations')
export class CensusPopulation {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The area.' })
  @Column({ type: 'uuid' })
  areaId!: string;

  @Field(() => SpecialCategory, { description: 'Ethnic group, religion or disability.' })
  @Column({ type: 'text' })
  category!: SpecialCategory;

  @Field(() => String, {
    description: 'The group, as specialCategoryReach keys its rows (ASIAN, MUSLIM, REDUCED_A_LOT, …).',
  })
  @Column({ type: 'text', name: 'group_key' })
  group!: string;

  @Field(() => Int, { description: 'Usual residents of the area in this group.' })
  @Column({ type: 'integer' })
  population!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it was last set.' })
  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
