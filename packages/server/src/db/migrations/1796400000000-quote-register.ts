import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quote register: a quote is a passage of a response (its offsets), with a status, the
 * edited copy that is published and the description it is attributed as; each step is a row of
 * `quote_transitions` (who, when, why), each use a row of `quote_uses`. A release lists the
 * quotes approved when it was built (`release_quotes`); a quote taken out of a release by a
 * withdrawal leaves a row in `release_quote_removals` with no personal data, so the release says
 * it once held a quote that is no longer published.
 */
export class QuoteRegister1796400000000 implements MigrationInterface {
  name = 'QuoteRegister1796400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE quotes
        ADD COLUMN start_offset integer CHECK (start_offset >= 0),
        ADD COLUMN end_offset integer,
        ADD COLUMN status text NOT NULL DEFAULT 'CANDIDATE'
          CHECK (status IN ('CANDIDATE','CONSENT_CHECKED','DEIDENTIFIED','APPROVED','REJECTED','WITHDRAWN')),
        ADD COLUMN published_text text CHECK (length(published_text) BETWEEN 1 AND 10000),
        ADD COLUMN description text CHECK (length(description) BETWEEN 1 AND 300),
        ADD COLUMN described_by text[] NOT NULL DEFAULT '{}'
          CHECK (described_by <@ ARRAY['AGE_BAND','CONNECTION','AREA']),
        ADD COLUMN described_age_band text,
        ADD COLUMN described_connection text,
        ADD COLUMN described_area_id uuid REFERENCES areas(id),
        ADD COLUMN attributed_name text CHECK (length(attributed_name) BETWEEN 1 AND 200),
        ADD COLUMN updated_at timestamptz(3) NOT NULL DEFAULT now(),
        ADD CONSTRAINT quotes_offsets_check CHECK (end_offset > start_offset),
        ADD CONSTRAINT quotes_published_check CHECK (status NOT IN ('DEIDENTIFIED','APPROVED') OR (published_text IS NOT NULL AND description IS NOT NULL))`);
    await db.query(`CREATE INDEX quotes_status_created_idx ON quotes (status, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX quotes_created_idx ON quotes (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX quotes_described_area_id_idx ON quotes (described_area_id)`);

    await db.query(`
      CREATE TABLE quote_transitions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        by_user_id uuid REFERENCES users(id),
        by_api_key_id uuid REFERENCES api_keys(id),
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        reason text CHECK (length(reason) BETWEEN 1 AND 1000)
      )`);
    await db.query(`CREATE INDEX quote_transitions_quote_idx ON quote_transitions (quote_id, at, id)`);
    await db.query(`CREATE INDEX quote_transitions_by_user_id_idx ON quote_transitions (by_user_id)`);
    await db.query(`CREATE INDEX quote_transitions_by_api_key_id_idx ON quote_transitions (by_api_key_id)`);

    await db.query(`
      CREATE TABLE quote_uses (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('RELEASE','EXPORT')),
        release_id uuid REFERENCES releases(id),
        format text CHECK (format IN ('csv','json')),
        by_user_id uuid REFERENCES users(id),
        by_api_key_id uuid REFERENCES api_keys(id),
        at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX quote_uses_quote_idx ON quote_uses (quote_id, at, id)`);
    await db.query(`CREATE INDEX quote_uses_release_id_idx ON quote_uses (release_id)`);
    await db.query(`CREATE INDEX quote_uses_by_user_id_idx ON quote_uses (by_user_id)`);
    await db.query(`CREATE INDEX quote_uses_by_api_key_id_idx ON quote_uses (by_api_key_id)`);

    await db.query(`
      CREATE TABLE release_quotes (
        release_id uuid NOT NULL REFERENCES releases(id),
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (release_id, position),
        UNIQUE (release_id, quote_id)
      )`);
    await db.query(`CREATE INDEX release_quotes_quote_id_idx ON release_quotes (quote_id)`);
    // quote_id is null once the quote itself is deleted (PARTICIPATION withdrawn, or erasure).
    await db.query(`
      CREATE TABLE release_quote_removals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        release_id uuid NOT NULL REFERENCES releases(id),
        quote_id uuid REFERENCES quotes(id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('QUOTE_WITHDRAWN','PARTICIPATION_WITHDRAWN','ERASED')),
        removed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX release_quote_removals_release_idx ON release_quote_removals (release_id)`);
    await db.query(`CREATE INDEX release_quote_removals_quote_id_idx ON release_quote_removals (quote_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE release_quote_removals`);
    await db.query(`DROP TABLE release_quotes`);
    await db.query(`DROP TABLE quote_uses`);
    await db.query(`DROP TABLE quote_transitions`);
    await db.query(`DROP INDEX quotes_described_area_id_idx`);
    await db.query(`DROP INDEX quotes_created_idx`);
    await db.query(`DROP INDEX quotes_status_created_idx`);
    await db.query(`
      ALTER TABLE quotes
        DROP CONSTRAINT quotes_published_check, DROP CONSTRAINT quotes_offsets_check,
        DROP COLUMN updated_at, DROP COLUMN attributed_name, DROP COLUMN described_area_id,
        DROP COLUMN described_connection, DROP COLUMN described_age_band, DROP COLUMN described_by,
        DROP COLUMN description, DROP COLUMN published_text, DROP COLUMN status,
        DROP COLUMN end_offset, DROP COLUMN start_offset`);
  }
}
