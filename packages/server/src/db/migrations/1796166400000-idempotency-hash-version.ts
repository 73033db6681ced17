import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency payload hashes become a keyed HMAC of the normalised payload (common/idempotency.ts).
 * Rows already stored keep their hash and are marked version 1, so a retry that straddles the
 * upgrade is still compared the way its first request was hashed.
 */
export class IdempotencyHashVersion1796166400000 implements MigrationInterface {
  name = 'IdempotencyHashVersion1796166400000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['submissions', 'participant_registrations']) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN payload_hash_version smallint NOT NULL DEFAULT 1`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN payload_hash_version DROP DEFAULT`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['submissions', 'participant_registrations']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN payload_hash_version`);
    }
  }
}
