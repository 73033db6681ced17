import type { MigrationInterface, QueryRunner } from 'typeorm';

const FACT_COLUMNS =
  'engagement_id, participant_id, area_id, format, prompt, age_band, starts_at, sector, response_key, participant_key';

/**
 * Record keys for cell-key perturbation (disclosure/ptable.ts): every participant and every
 * response gets a random key in 0…255, drawn once (existing rows here, new rows by the column
 * default) and never changed. The fact tables carry the keys, and the session's sector, so a
 * table's counts and cell keys come from one GROUP BY.
 */
export class DisclosureRecordKeys1796350000000 implements MigrationInterface {
  name = 'DisclosureRecordKeys1796350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`LOCK TABLE responses, codings, participants, sessions, organisations IN SHARE MODE`);
    // A byte of a version-4 UUID: drawn from the strong random source, per row, also for the
    // rows already there (a volatile default is evaluated for each of them).
    for (const table of ['participants', 'responses']) {
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN record_key smallint NOT NULL DEFAULT get_byte(uuid_send(gen_random_uuid()), 0)`,
      );
    }
    for (const table of ['response_facts', 'coding_facts']) {
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN sector text, ADD COLUMN response_key smallint, ADD COLUMN participant_key smallint`,
      );
    }
    await db.query(`
      CREATE OR REPLACE VIEW response_facts_source AS
        SELECT r.id AS response_id, s.engagement_id, r.participant_id, coalesce(p.area_id, s.area_id) AS area_id,
               s.format, r.prompt, p.age_band, s.starts_at, o.sector, r.record_key AS response_key,
               p.record_key AS participant_key
        FROM responses r
        JOIN sessions s ON s.id = r.session_id
        LEFT JOIN participants p ON p.id = r.participant_id
        LEFT JOIN organisations o ON o.id = s.organisation_id`);
    await this.functions(db, FACT_COLUMNS);
    await db.query(`DROP TRIGGER sessions_facts_update ON sessions`);
    await db.query(`
      CREATE TRIGGER sessions_facts_update AFTER UPDATE OF engagement_id, area_id, format, starts_at, organisation_id ON sessions
      FOR EACH ROW WHEN ((OLD.engagement_id, OLD.area_id, OLD.format, OLD.starts_at, OLD.organisation_id)
                         IS DISTINCT FROM (NEW.engagement_id, NEW.area_id, NEW.format, NEW.starts_at, NEW.organisation_id))
      EXECUTE FUNCTION sessions_changed()`);
    await db.query(`
      CREATE FUNCTION organisations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_response_facts(ARRAY(
          SELECT r.id FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.organisation_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER organisations_facts_update AFTER UPDATE OF sector ON organisations
      FOR EACH ROW WHEN (OLD.sector IS DISTINCT FROM NEW.sector) EXECUTE FUNCTION organisations_changed()`);
    // A theme's figures read its subtree's codings with their keys from the index alone.
    await db.query(`DROP INDEX coding_facts_dimensions_idx`);
    await db.query(`SELECT aggregate_facts_rebuild()`);
    for (const table of ['response_facts', 'coding_facts']) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN response_key SET NOT NULL`);
    }
    await db.query(
      `CREATE INDEX coding_facts_dimensions_idx ON coding_facts (theme_id, participant_id) INCLUDE (response_id, response_key, participant_key, area_id, format, prompt, age_band, sector, starts_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER organisations_facts_update ON organisations`);
    await db.query(`DROP FUNCTION organisations_changed()`);
    await db.query(`DROP TRIGGER sessions_facts_update ON sessions`);
    await db.query(`
      CREATE TRIGGER sessions_facts_update AFTER UPDATE OF engagement_id, area_id, format, starts_at ON sessions
      FOR EACH ROW WHEN ((OLD.engagement_id, OLD.area_id, OLD.format, OLD.starts_at) IS DISTINCT FROM (NEW.engagement_id, NEW.area_id, NEW.format, NEW.starts_at))
      EXECUTE FUNCTION sessions_changed()`);
    await db.query(`DROP VIEW response_facts_source`);
    for (const table of ['response_facts', 'coding_facts']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN sector, DROP COLUMN response_key, DROP COLUMN participant_key`);
    }
    // Dropping the key columns dropped the index that carries them.
    await db.query(
      `CREATE INDEX coding_facts_dimensions_idx ON coding_facts (theme_id, participant_id) INCLUDE (area_id, format, prompt, age_band, starts_at)`,
    );
    await db.query(`
      CREATE VIEW response_facts_source AS
        SELECT r.id AS response_id, s.engagement_id, r.participant_id, coalesce(p.area_id, s.area_id) AS area_id,
               s.format, r.prompt, p.age_band, s.starts_at
        FROM responses r
        JOIN sessions s ON s.id = r.session_id
        LEFT JOIN participants p ON p.id = r.participant_id`);
    await this.functions(db, 'engagement_id, participant_id, area_id, format, prompt, age_band, starts_at');
    for (const table of ['participants', 'responses']) await db.query(`ALTER TABLE ${table} DROP COLUMN record_key`);
  }

  /** The fact functions of 1796300000000, over these columns. */
  private async functions(db: QueryRunner, columns: string): Promise<void> {
    const of = (alias: string) =>
      columns
        .split(', ')
        .map((c) => `${alias}.${c}`)
        .join(', ');
    await db.query(`
      CREATE OR REPLACE FUNCTION refresh_response_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE response_facts f SET (${columns}) = (${of('n')})
        FROM response_facts_source n
        WHERE n.response_id = ANY(ids) AND f.response_id = n.response_id AND (${of('f')}) IS DISTINCT FROM (${of('n')});
        UPDATE coding_facts c SET (${columns}) = (${of('f')})
        FROM response_facts f
        WHERE f.response_id = ANY(ids) AND c.response_id = f.response_id AND (${of('c')}) IS DISTINCT FROM (${of('f')});
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION add_coding_facts(response_ids uuid[], theme_ids uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO coding_facts (response_id, theme_id, ${columns})
        SELECT DISTINCT f.response_id, t.theme_id, ${of('f')}
        FROM unnest(response_ids, theme_ids) AS t(response_id, theme_id)
        JOIN response_facts_source f ON f.response_id = t.response_id
        ON CONFLICT DO NOTHING
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION aggregate_facts_rebuild() RETURNS void LANGUAGE sql AS $$
        TRUNCATE coding_facts, response_facts;
        INSERT INTO response_facts SELECT * FROM response_facts_source;
        INSERT INTO coding_facts (response_id, theme_id, ${columns})
        SELECT DISTINCT f.response_id, c.theme_id, ${of('f')}
        FROM codings c JOIN response_facts f ON f.response_id = c.response_id;
        UPDATE aggregate_versions SET version = version + 1;
      $$`);
  }
}
