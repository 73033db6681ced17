import { AgeBand, CityConnection } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A pseudonymous person who took part, known by a short printable code.' })
@Entity('participants')
export class Participant {
  @Field(() => ID)
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

  @Field(() => [CityConnection])
  @Column({ type: 'text', array: true })
  connections!: CityConnection[];

  @Field(() => AgeBand, { nullable: true })
  @Column({ type: 'text', nullable: true })
  ageBand!: AgeBand | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  contactEncrypted!: Buffer | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
