import { AgeBand, CityConnection } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'A pseudonymous person who took part, known by a short printable code.',
  simpleResolvers: true,
})
@Entity('participants')
export class Participant {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => String, { description: 'Six characters from an unambiguous alphabet, for paper forms.' })
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  areaId!: string | null;

  @Field(() => [CityConnection], {
    description: 'How the person is connected to the city (lives, works, studies, volunteers); at least one.',
  })
  @Column({ type: 'text', array: true })
  connections!: CityConnection[];

  @Field(() => AgeBand, {
    nullable: true,
    description: 'Their age band; null when not given, or once PARTICIPATION consent is withdrawn.',
  })
  @Column({ type: 'text', nullable: true })
  ageBand!: AgeBand | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  contactEncrypted!: Buffer | null;

  /** Ethnicity, religion and disability, sealed together (participants/demographics.ts). */
  @Column({ type: 'bytea', nullable: true, select: false })
  specialCategoryEncrypted!: Buffer | null;

  @Field(() => Date, { description: 'When the person was registered.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
