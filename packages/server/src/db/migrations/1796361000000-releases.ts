import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Releases: numbered, immutable snapshots of every council table. A release's cells are stored
 * as rows, so a table of a release is one index range and an export streams it in order.
 * Triggers refuse any change to a published release or to its tables and cells, so what a
 * council once pulled can always be pulled again, whatever happened since (a withdrawal, a new
 * threshold).
 */
export class Releases1796361000000 implements MigrationInterface {
  name = 'Releases1796361000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE releases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL REFERENCES engagements(id),
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('BUILDING','PUBLISHED','FAILED')),
        threshold integer,
        method text,
        content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        table_count integer,
        cell_count integer,
        requested_by_user_id uuid REFERENCES users(id),
        requested_by_api_key_id uuid REFERENCES api_keys(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        snapshot_at timestamptz(3),
        published_at timestamptz(3),
        UNIQUE (engagement_id, version),
        CHECK (status <> 'PUBLISHED' OR (content_hash IS NOT NULL AND published_at IS NOT NULL AND snapshot_at IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX releases_published_idx ON releases (engagement_id, version DESC) WHERE status = 'PUBLISHED'`,
    );
    await db.query(`
      CREATE TABLE release_tables (
        release_id uuid NOT NULL REFERENCES releases(id),
        name text NOT NULL,
        position smallint NOT NULL,
        rows_dimension text NOT NULL,
        columns_dimension text NOT NULL,
        measure text NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        cell_count integer NOT NULL,
        PRIMARY KEY (release_id, name)
      )`);
    // kind: CELL, or a margin (ROW_TOTAL, COLUMN_TOTAL, TOTAL); ordinal is the export's order.
    await db.query(`
      CREATE TABLE release_cells (
        release_id uuid NOT NULL,
        table_name text NOT NULL,
        ordinal integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CELL','ROW_TOTAL','COLUMN_TOTAL','TOTAL')),
        row_key text,
        row_label text,
        column_key text,
        column_label text,
        value integer CHECK (value >= 0),
        suppressed boolean NOT NULL,
        reason text,
        CHECK (suppressed = (value IS NULL)),
        PRIMARY KEY (release_id, table_name, ordinal),
        FOREIGN KEY (release_id, table_name) REFERENCES release_tables (release_id, name)
      )`);
    await db.query(`
      CREATE FUNCTION releases_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'PUBLISHED' THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a published release cannot change' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE FUNCTION release_rows_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a release''s tables and cells cannot change' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON releases
      FOR EACH ROW EXECUTE FUNCTION releases_refuse_change()`);
    for (const table of ['release_tables', 'release_cells']) {
      await db.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION release_rows_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_not_truncated BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION release_rows_refuse_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE release_cells`);
    await db.query(`DROP TABLE release_tables`);
    await db.query(`DROP TABLE releases`);
    await db.query(`DROP FUNCTION release_rows_refuse_change()`);
    await db.query(`DROP FUNCTION releases_refuse_change()`);
  }
}
