import { Role } from '@chorus/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A member of staff, or a partner organisation user, who signs in to Chorus.' })
@Entity('users')
export class User {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Sign-in email, lower-cased; unique.' })
  @Column({ type: 'text' })
  email!: string;

  @Field(() => String, { description: 'The name shown for this user in the admin app.' })
  @Column({ type: 'text' })
  displayName!: string;

  @Field(() => Role, { description: 'What the user may do and see.' })
  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'timestamptz' })
  passwordChangedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the account was disabled; it can no longer sign in.' })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Field(() => Boolean, {
    description:
      'True after an admin reset the password: signed in with the temporary one, the user may only `changePassword`.',
  })
  @Column({ type: 'boolean' })
  mustChangePassword!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the user last signed in; null if never.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastSignedInAt!: Date | null;

  @Field(() => Date, { description: 'When the account was created.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
