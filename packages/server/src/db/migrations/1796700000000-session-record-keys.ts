import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record key for every session (disclosure/ptable.ts), as participants and responses have: a
 * random byte drawn once (for the sessions already there by the volatile default, per row) and
 * never changed, so a release's sessions-held table is perturbed by the cell-key method.
 */
export class SessionRecordKeys1796700000000 implements MigrationInterface {
  name = 'SessionRecordKeys1796700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE sessions ADD COLUMN record_key smallint NOT NULL DEFAULT get_byte(uuid_send(gen_random_uuid()), 0)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN record_key`);
  }
}
