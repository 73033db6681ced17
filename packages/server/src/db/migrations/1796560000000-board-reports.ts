import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board report. `report_narratives` holds the analysts' Markdown per section as it is being
 * written; each build copies it into its `board_reports` row, so a version keeps the words it was
 * built with. A version holds its document (figures with their release cell, quote ids, what was
 * left out) and its files; the quotes it printed are `report_quotes`, each use a `quote_uses` row
 * of kind REPORT. A quote taken back after a build leaves a `report_quote_removals` row with no
 * personal data, and the version's files, which held the words, are cleared in that transaction.
 */
export class BoardReports1796560000000 implements MigrationInterface {
  name = 'BoardReports1796560000000';

  async up(db: QueryRunner): Promise<void> {
    const sections = `('OVERVIEW','VALUES','BELONGING','CHALLENGES','FUTURE','WHAT_WORKS','METHODS')`;
    await db.query(`
      CREATE TABLE report_narratives (
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        section text NOT NULL CHECK (section IN ${sections}),
        markdown text NOT NULL CHECK (length(markdown) <= 20000),
        updated_by_user_id uuid REFERENCES users(id),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (engagement_id, section)
      )`);
    await db.query(`CREATE INDEX report_narratives_updated_by_user_id_idx ON report_narratives (updated_by_user_id)`);
    await db.query(`
      CREATE TABLE board_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        version integer NOT NULL CHECK (version >= 1),
        release_id uuid NOT NULL REFERENCES releases(id),
        release_version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('BUILDING','READY','FAILED')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        stage text CHECK (length(stage) <= 200),
        narrative jsonb NOT NULL DEFAULT '{}',
        document jsonb,
        html text,
        pdf bytea,
        figure_count integer,
        quote_count integer,
        quotes_left_out integer,
        withdrawn_quotes integer NOT NULL DEFAULT 0,
        requested_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        built_at timestamptz(3),
        published_at timestamptz(3),
        published_by_user_id uuid REFERENCES users(id),
        UNIQUE (engagement_id, version),
        CONSTRAINT board_reports_ready_check CHECK (status <> 'READY' OR document IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX board_reports_release_id_idx ON board_reports (release_id)`);
    await db.query(`CREATE INDEX board_reports_requested_by_user_id_idx ON board_reports (requested_by_user_id)`);
    await db.query(`CREATE INDEX board_reports_published_by_user_id_idx ON board_reports (published_by_user_id)`);
    await db.query(`
      CREATE TABLE report_quotes (
        report_id uuid NOT NULL REFERENCES board_reports(id),
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (report_id, position),
        UNIQUE (report_id, quote_id)
      )`);
    await db.query(`CREATE INDEX report_quotes_quote_id_idx ON report_quotes (quote_id)`);
    await db.query(`
      CREATE TABLE report_quote_removals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES board_reports(id),
        quote_id uuid REFERENCES quotes(id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('QUOTE_WITHDRAWN','PARTICIPATION_WITHDRAWN','ERASED')),
        removed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX report_quote_removals_report_idx ON report_quote_removals (report_id)`);
    await db.query(`CREATE INDEX report_quote_removals_quote_id_idx ON report_quote_removals (quote_id)`);
    await db.query(`
      ALTER TABLE quote_uses
        DROP CONSTRAINT quote_uses_kind_check,
        ADD CONSTRAINT quote_uses_kind_check CHECK (kind IN ('RELEASE','EXPORT','REPORT')),
        ADD COLUMN report_id uuid REFERENCES board_reports(id)`);
    await db.query(`CREATE INDEX quote_uses_report_id_idx ON quote_uses (report_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM quote_uses WHERE kind = 'REPORT'`);
    await db.query(`DROP INDEX quote_uses_report_id_idx`);
    await db.query(`
      ALTER TABLE quote_uses DROP COLUMN report_id, DROP CONSTRAINT quote_uses_kind_check,
        ADD CONSTRAINT quote_uses_kind_check CHECK (kind IN ('RELEASE','EXPORT'))`);
    await db.query(`DROP TABLE report_quote_removals`);
    await db.query(`DROP TABLE report_quotes`);
    await db.query(`DROP TABLE board_reports`);
    await db.query(`DROP TABLE report_narratives`);
  }
}
