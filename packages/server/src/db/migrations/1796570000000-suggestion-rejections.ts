import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suggestions a coder rejected: who, when, which model version, for which response and theme,
 * so the same theme is not offered for that response again. A rejection goes with its response
 * (erasure, withdrawal of participation) and with its theme (deleted or merged away).
 */
export class SuggestionRejections1796570000000 implements MigrationInterface {
  name = 'SuggestionRejections1796570000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE suggestion_rejections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        model_version integer NOT NULL CHECK (model_version > 0),
        rejected_by_user_id uuid REFERENCES users(id),
        rejected_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (response_id, theme_id)
      )`);
    await db.query(`CREATE INDEX suggestion_rejections_theme_id_idx ON suggestion_rejections (theme_id)`);
    await db.query(
      `CREATE INDEX suggestion_rejections_rejected_by_user_id_idx ON suggestion_rejections (rejected_by_user_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE suggestion_rejections`);
  }
}
