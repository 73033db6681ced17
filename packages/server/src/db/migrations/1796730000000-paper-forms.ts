import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Printed paper forms: each sheet's participant code, reserved when the form is printed for a
 * session, with the notice version and the consent purposes the sheet asks. Typing the sheet up
 * registers the participant under that code and marks the sheet used (for good: an erased
 * person's code is not given out again). A participant with a typed-up sheet came through the
 * channel "questionnaire on paper".
 */
export class PaperForms1796730000000 implements MigrationInterface {
  name = 'PaperForms1796730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE paper_form_codes (
        engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
        code text NOT NULL,
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        notice_version text NOT NULL,
        purposes text[] NOT NULL,
        reserved_at timestamptz(3) NOT NULL DEFAULT now(),
        typed_up_at timestamptz(3),
        typed_up_key text,
        participant_id uuid REFERENCES participants(id) ON DELETE SET NULL,
        PRIMARY KEY (engagement_id, code),
        CHECK ((typed_up_at IS NULL) = (typed_up_key IS NULL))
      )`);
    await db.query(`CREATE INDEX paper_form_codes_session_id_idx ON paper_form_codes (session_id)`);
    await db.query(`CREATE INDEX paper_form_codes_participant_id_idx ON paper_form_codes (participant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE paper_form_codes`);
  }
}
