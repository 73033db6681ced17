import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of answers from a CSV or XLSX file. `response_imports` is one file's journey
 * (mapped, staged, checked, queued, stored); its `file_digest` is an HMAC of the session and the
 * file's bytes under a server key, and one file is stored once per session (the partial unique
 * index). `response_import_rows` is the staging table, UNLOGGED (rows come from COPY and are
 * gone once imported; a crash empties it and the import asks for the file again), holding
 * answers already redacted. `response_import_errors` holds every row-level problem found in SQL.
 */
export class ResponseImports1796690000000 implements MigrationInterface {
  name = 'ResponseImports1796690000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE response_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES sessions(id),
        organisation_id uuid REFERENCES organisations(id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        format text CHECK (format IN ('CSV','XLSX')),
        columns jsonb NOT NULL,
        consent_method text NOT NULL CHECK (consent_method IN ('WRITTEN','VERBAL','ONLINE')),
        notice_version text NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 200),
        file_digest bytea,
        rule_set_version integer,
        status text NOT NULL DEFAULT 'WAITING_FOR_FILE'
          CHECK (status IN ('WAITING_FOR_FILE','CHECKED','INVALID','QUEUED','IMPORTING','DONE','FAILED','DUPLICATE')),
        duplicate_of uuid REFERENCES response_imports(id),
        rows integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        stage text,
        participants_stored integer NOT NULL DEFAULT 0,
        responses_stored integer NOT NULL DEFAULT 0,
        flags_raised integer NOT NULL DEFAULT 0,
        created_by_user_id uuid REFERENCES users(id),
        created_by_api_key_id uuid REFERENCES api_keys(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3)
      )`);
    await db.query(`CREATE INDEX response_imports_session_id_idx ON response_imports (session_id)`);
    await db.query(`CREATE INDEX response_imports_organisation_id_idx ON response_imports (organisation_id)`);
    await db.query(
      `CREATE INDEX response_imports_created_idx ON response_imports (engagement_id, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX response_imports_duplicate_of_idx ON response_imports (duplicate_of)`);
    await db.query(`CREATE INDEX response_imports_user_idx ON response_imports (created_by_user_id)`);
    await db.query(`CREATE INDEX response_imports_api_key_idx ON response_imports (created_by_api_key_id)`);
    // One file is stored once per session, however often it is sent.
    await db.query(
      `CREATE UNIQUE INDEX response_imports_file_once ON response_imports (engagement_id, file_digest)
       WHERE status IN ('QUEUED','IMPORTING','DONE')`,
    );
    await db.query(`
      CREATE UNLOGGED TABLE response_import_rows (
        import_id uuid NOT NULL,
        row_number integer NOT NULL,
        participant_id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        connections text,
        area text,
        age_band text,
        language text,
        consent_participation text,
        consent_quote text,
        consent_attribution text,
        consent_follow_up_contact text,
        consent_special_category_data text,
        answer_values text,
        answer_belonging text,
        answer_challenges text,
        answer_future text,
        answer_what_works text,
        flags jsonb
      )`);
    await db.query(`CREATE INDEX response_import_rows_import_idx ON response_import_rows (import_id, row_number)`);
    await db.query(`
      CREATE TABLE response_import_errors (
        import_id uuid NOT NULL REFERENCES response_imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        position smallint NOT NULL,
        column_name text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (import_id, row_number, position)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE response_import_errors`);
    await db.query(`DROP TABLE response_import_rows`);
    await db.query(`DROP TABLE response_imports`);
  }
}
