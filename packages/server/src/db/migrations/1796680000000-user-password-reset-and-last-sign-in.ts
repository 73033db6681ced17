import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin may reset a user's password: the user signs in with the temporary one and must set
 * their own before doing anything else. Each sign-in records when, so admins see who is active.
 */
export class UserPasswordResetAndLastSignIn1796680000000 implements MigrationInterface {
  name = 'UserPasswordResetAndLastSignIn1796680000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN last_signed_in_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN last_signed_in_at, DROP COLUMN must_change_password`);
  }
}
