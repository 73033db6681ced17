import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public questionnaire: whether it is open and how it files answers (per engagement), the
 * QUESTIONNAIRE sessions it files them under, each resident's withdrawal secret (as an HMAC under
 * a key only the server holds), and keyed digests of recent answers for duplicate-text detection
 * (gone with their response). Responses sent by residents have the source QUESTIONNAIRE.
 */
export class PublicQuestionnaire1796650000000 implements MigrationInterface {
  name = 'PublicQuestionnaire1796650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE responses DROP CONSTRAINT responses_source_check`);
    await db.query(
      `ALTER TABLE responses ADD CONSTRAINT responses_source_check
       CHECK (source IN ('STAFF','PARTNER_API','IMPORT','QUESTIONNAIRE'))`,
    );
    await db.query(`
      CREATE TABLE questionnaire_settings (
        engagement_id uuid PRIMARY KEY REFERENCES engagements(id) ON DELETE CASCADE,
        open boolean NOT NULL DEFAULT false,
        session_mode text NOT NULL DEFAULT 'PER_CHANNEL' CHECK (session_mode IN ('PER_AREA','PER_CHANNEL')),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE questionnaire_sessions (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
        session_mode text NOT NULL CHECK (session_mode IN ('PER_AREA','PER_CHANNEL')),
        area_id uuid REFERENCES areas(id) ON DELETE CASCADE,
        CHECK (session_mode = 'PER_AREA' OR area_id IS NULL),
        UNIQUE NULLS NOT DISTINCT (engagement_id, session_mode, area_id)
      )`);
    await db.query(`CREATE INDEX questionnaire_sessions_area_id_idx ON questionnaire_sessions (area_id)`);
    await db.query(`
      CREATE TABLE questionnaire_secrets (
        participant_id uuid PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
        secret_hmac bytea NOT NULL
      )`);
    await db.query(`
      CREATE TABLE questionnaire_text_digests (
        response_id uuid PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
        digest bytea NOT NULL,
        submission_key text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX questionnaire_text_digests_digest_idx ON questionnaire_text_digests (digest, created_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE questionnaire_text_digests`);
    await db.query(`DROP TABLE questionnaire_secrets`);
    await db.query(`DROP TABLE questionnaire_sessions`);
    await db.query(`DROP TABLE questionnaire_settings`);
    await db.query(`DELETE FROM responses WHERE source = 'QUESTIONNAIRE'`);
    await db.query(`ALTER TABLE responses DROP CONSTRAINT responses_source_check`);
    await db.query(
      `ALTER TABLE responses ADD CONSTRAINT responses_source_check CHECK (source IN ('STAFF','PARTNER_API','IMPORT'))`,
    );
  }
}
