import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent registration: a retried `registerParticipant` with the same key returns the first
 * participant. The key outlives an erasure (participant_id becomes null) so a late retry cannot
 * bring an erased person back.
 */
export class ParticipantRegistrations1764200000000 implements MigrationInterface {
  name = 'ParticipantRegistrations1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE participant_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_scope text NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        payload_hash bytea NOT NULL,
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (idempotency_scope, idempotency_key)
      )`);
    await db.query(
      `CREATE INDEX participant_registrations_participant_id_idx ON participant_registrations (participant_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE participant_registrations`);
  }
}
