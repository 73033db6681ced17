import { Role } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'A key a partner or council system uses. The key itself is shown once and stored only as a hash.',
})
@Entity('api_keys')
export class ApiKey {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'What the key is for, e.g. "Data warehouse nightly pull".' })
  @Column({ type: 'text' })
  label!: string;

  @Field(() => Role, { description: 'PARTNER or COUNCIL_READER.' })
  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Field(() => String, { description: 'The visible start of the key, to tell keys apart.' })
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'bytea', select: false })
  keyHash!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Field(() => Date, { description: 'When the key was created.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last time the key was used (to the minute).' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; a revoked key is refused.' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
