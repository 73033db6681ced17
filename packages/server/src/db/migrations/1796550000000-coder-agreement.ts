import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreement between coders: a sample of responses drawn for blind double coding, each sampled
 * response (item) with the coding it had when drawn (ORIGINAL) and one assignment per further
 * coder (BLIND), whose themes are kept here and never in `codings`, so the response's coding and
 * the blind ones stay apart until the coders settle their disagreements. Everything about a
 * response goes with it (cascade), as its codings do.
 */
export class CoderAgreement1796550000000 implements MigrationInterface {
  name = 'CoderAgreement1796550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreement_samples (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        percentage numeric(5,2) NOT NULL CHECK (percentage > 0 AND percentage <= 100),
        seed bigint NOT NULL,
        drawn_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX agreement_samples_engagement_idx ON agreement_samples (engagement_id, created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE TABLE agreement_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_id uuid NOT NULL REFERENCES agreement_samples(id),
        -- A response is sampled once: its blind coders and its settlement are unambiguous.
        response_id uuid NOT NULL UNIQUE REFERENCES responses(id) ON DELETE CASCADE,
        settled_at timestamptz(3),
        settled_by_user_id uuid REFERENCES users(id)
      )`);
    await db.query(`CREATE INDEX agreement_items_sample_idx ON agreement_items (sample_id, id)`);
    await db.query(`
      CREATE TABLE agreement_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES agreement_items(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ORIGINAL','BLIND')),
        coder_user_id uuid REFERENCES users(id),
        submitted_at timestamptz(3),
        CHECK (kind = 'ORIGINAL' OR coder_user_id IS NOT NULL),
        CHECK (kind = 'BLIND' OR submitted_at IS NOT NULL),
        UNIQUE (item_id, coder_user_id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX agreement_assignments_one_original ON agreement_assignments (item_id) WHERE kind = 'ORIGINAL'`,
    );
    await db.query(
      `CREATE INDEX agreement_assignments_coder_idx ON agreement_assignments (coder_user_id, submitted_at)`,
    );
    await db.query(`
      CREATE TABLE agreement_assignment_themes (
        assignment_id uuid NOT NULL REFERENCES agreement_assignments(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (assignment_id, theme_id)
      )`);
    await db.query(`
      CREATE TABLE agreement_settled_themes (
        item_id uuid NOT NULL REFERENCES agreement_items(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (item_id, theme_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE agreement_settled_themes`);
    await db.query(`DROP TABLE agreement_assignment_themes`);
    await db.query(`DROP TABLE agreement_assignments`);
    await db.query(`DROP TABLE agreement_items`);
    await db.query(`DROP TABLE agreement_samples`);
  }
}
