import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Theme suggestions: numbered runs of the two suggestion jobs (a classifier trained on the
 * engagement's codings, and groups of its uncoded responses), each with its progress and what it
 * made; the candidate themes a grouping found; and, on each coding, whether it was a suggestion
 * accepted, from which model version, and by whom.
 */
export class ThemeSuggestions1796540000000 implements MigrationInterface {
  name = 'ThemeSuggestions1796540000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE suggestion_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        kind text NOT NULL CHECK (kind IN ('MODEL','CANDIDATES')),
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('QUEUED','RUNNING','READY','FAILED')),
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        -- The codings of the engagement when a model's training data was read, and how many texts it learnt from.
        codings_at_start integer,
        started_at timestamptz(3),
        responses_used integer,
        labels integer,
        model jsonb,
        weights bytea,
        requested_by_user_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        UNIQUE (engagement_id, kind, version)
      )`);
    await db.query(`
      CREATE TABLE theme_candidates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES suggestion_runs(id) ON DELETE CASCADE,
        position integer NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        keyphrases text[] NOT NULL,
        example_response_ids uuid[] NOT NULL,
        theme_id uuid REFERENCES themes(id) ON DELETE SET NULL,
        UNIQUE (run_id, position)
      )`);
    await db.query(`
      ALTER TABLE codings
        ADD COLUMN from_suggestion boolean NOT NULL DEFAULT false,
        ADD COLUMN suggestion_model_version integer,
        ADD COLUMN accepted_by_user_id uuid REFERENCES users(id),
        ADD CHECK (from_suggestion = (suggestion_model_version IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE codings DROP COLUMN accepted_by_user_id, DROP COLUMN suggestion_model_version, DROP COLUMN from_suggestion`,
    );
    await db.query(`DROP TABLE theme_candidates`);
    await db.query(`DROP TABLE suggestion_runs`);
  }
}
