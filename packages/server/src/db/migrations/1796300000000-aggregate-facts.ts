import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fact tables for aggregate figures, kept right by triggers on every write path.
 *
 * - `response_facts`: one row per response with the dimensions a filter reads, resolved once
 *   (area = the participant's, else the session's; format and start from the session; age band
 *   from the participant), so a filter narrows on an index of one table and joins nothing.
 * - `coding_facts`: one row per response and theme it is coded to (excerpts of the same theme
 *   count once), with the same dimensions copied.
 * - `aggregate_versions`: a counter per engagement, bumped in the same transaction as any change
 *   to the facts, at commit (a deferred trigger), so a cached figure is known to be current.
 *
 * The triggers work per statement where they can (a batch of 500 responses is one INSERT … SELECT
 * into the facts), and per row only for the rare edits to sessions and participants.
 */
export class AggregateFacts1796300000000 implements MigrationInterface {
  name = 'AggregateFacts1796300000000';

  async up(db: QueryRunner): Promise<void> {
    // The backfill reads every response once; writes wait for it (SHARE) so none is missed, and
    // at a million responses it outlasts the pool's statement timeout.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`LOCK TABLE responses, codings, participants, sessions IN SHARE MODE`);
    await db.query(`
      CREATE TABLE response_facts (
        response_id uuid PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL,
        participant_id uuid,
        area_id uuid,
        format text NOT NULL,
        prompt text NOT NULL,
        age_band text,
        starts_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE coding_facts (
        response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        engagement_id uuid NOT NULL,
        participant_id uuid,
        area_id uuid,
        format text NOT NULL,
        prompt text NOT NULL,
        age_band text,
        starts_at timestamptz NOT NULL,
        PRIMARY KEY (response_id, theme_id)
      )`);
    await db.query(`
      CREATE TABLE aggregate_versions (
        engagement_id uuid PRIMARY KEY REFERENCES engagements(id) ON DELETE CASCADE,
        version bigint NOT NULL
      )`);
    // One row per writing transaction and engagement, deleted again at its commit.
    await db.query(`
      CREATE TABLE aggregate_changes (
        engagement_id uuid NOT NULL,
        transaction_id xid8 NOT NULL,
        PRIMARY KEY (engagement_id, transaction_id)
      )`);

    // The facts of every response, computed from the source tables (a view, so a filter on
    // response_id reaches the primary keys underneath).
    await db.query(`
      CREATE VIEW response_facts_source AS
        SELECT r.id AS response_id, s.engagement_id, r.participant_id, coalesce(p.area_id, s.area_id) AS area_id,
               s.format, r.prompt, p.age_band, s.starts_at
        FROM responses r
        JOIN sessions s ON s.id = r.session_id
        LEFT JOIN participants p ON p.id = r.participant_id`);
    // Recomputes the facts of these responses and their codings from the source tables.
    await db.query(`
      CREATE FUNCTION refresh_response_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE response_facts f
        SET (engagement_id, participant_id, area_id, format, prompt, age_band, starts_at) =
            (n.engagement_id, n.participant_id, n.area_id, n.format, n.prompt, n.age_band, n.starts_at)
        FROM response_facts_source n
        WHERE n.response_id = ANY(ids) AND f.response_id = n.response_id
          AND (f.engagement_id, f.participant_id, f.area_id, f.format, f.prompt, f.age_band, f.starts_at)
              IS DISTINCT FROM (n.engagement_id, n.participant_id, n.area_id, n.format, n.prompt, n.age_band, n.starts_at);
        UPDATE coding_facts c
        SET (engagement_id, participant_id, area_id, format, prompt, age_band, starts_at) =
            (f.engagement_id, f.participant_id, f.area_id, f.format, f.prompt, f.age_band, f.starts_at)
        FROM response_facts f
        WHERE f.response_id = ANY(ids) AND c.response_id = f.response_id
          AND (c.engagement_id, c.participant_id, c.area_id, c.format, c.prompt, c.age_band, c.starts_at)
              IS DISTINCT FROM (f.engagement_id, f.participant_id, f.area_id, f.format, f.prompt, f.age_band, f.starts_at);
      $$`);
    // Adds the (response, theme) facts of these codings; one per pair, however many excerpts.
    await db.query(`
      CREATE FUNCTION add_coding_facts(response_ids uuid[], theme_ids uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO coding_facts (response_id, theme_id, engagement_id, participant_id, area_id, format, prompt, age_band, starts_at)
        SELECT DISTINCT f.response_id, t.theme_id, f.engagement_id, f.participant_id, f.area_id, f.format, f.prompt, f.age_band, f.starts_at
        FROM unnest(response_ids, theme_ids) AS t(response_id, theme_id)
        JOIN response_facts_source f ON f.response_id = t.response_id
        ON CONFLICT DO NOTHING
      $$`);
    // Removes the facts of these (response, theme) pairs where no coding of the pair is left.
    await db.query(`
      CREATE FUNCTION remove_coding_facts(response_ids uuid[], theme_ids uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM coding_facts c
        USING unnest(response_ids, theme_ids) AS t(response_id, theme_id)
        WHERE c.response_id = t.response_id AND c.theme_id = t.theme_id
          AND NOT EXISTS (SELECT 1 FROM codings k WHERE k.response_id = t.response_id AND k.theme_id = t.theme_id)
      $$`);

    await db.query(`
      CREATE FUNCTION responses_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO response_facts SELECT * FROM response_facts_source WHERE response_id IN (SELECT id FROM added);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER responses_facts_insert AFTER INSERT ON responses
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION responses_added()`);
    await db.query(`
      CREATE FUNCTION responses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_response_facts(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER responses_facts_update AFTER UPDATE OF session_id, participant_id, prompt ON responses
      FOR EACH ROW WHEN ((OLD.session_id, OLD.participant_id, OLD.prompt) IS DISTINCT FROM (NEW.session_id, NEW.participant_id, NEW.prompt))
      EXECUTE FUNCTION responses_changed()`);

    await db.query(`
      CREATE FUNCTION sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_response_facts(ARRAY(SELECT id FROM responses WHERE session_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER sessions_facts_update AFTER UPDATE OF engagement_id, area_id, format, starts_at ON sessions
      FOR EACH ROW WHEN ((OLD.engagement_id, OLD.area_id, OLD.format, OLD.starts_at) IS DISTINCT FROM (NEW.engagement_id, NEW.area_id, NEW.format, NEW.starts_at))
      EXECUTE FUNCTION sessions_changed()`);
    await db.query(`
      CREATE FUNCTION participants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_response_facts(ARRAY(SELECT id FROM responses WHERE participant_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER participants_facts_update AFTER UPDATE OF area_id, age_band ON participants
      FOR EACH ROW WHEN ((OLD.area_id, OLD.age_band) IS DISTINCT FROM (NEW.area_id, NEW.age_band))
      EXECUTE FUNCTION participants_changed()`);

    // Codings: transition tables cannot serve two events in one trigger, so one function per event.
    await db.query(`
      CREATE FUNCTION codings_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM add_coding_facts(ARRAY(SELECT response_id FROM added), ARRAY(SELECT theme_id FROM added));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION codings_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM remove_coding_facts(ARRAY(SELECT response_id FROM removed), ARRAY(SELECT theme_id FROM removed));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION codings_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM remove_coding_facts(ARRAY(SELECT response_id FROM removed), ARRAY(SELECT theme_id FROM removed));
        PERFORM add_coding_facts(ARRAY(SELECT response_id FROM added), ARRAY(SELECT theme_id FROM added));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER codings_facts_insert AFTER INSERT ON codings
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION codings_added()`);
    await db.query(`
      CREATE TRIGGER codings_facts_delete AFTER DELETE ON codings
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION codings_removed()`);
    await db.query(`
      CREATE TRIGGER codings_facts_update AFTER UPDATE ON codings
      REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION codings_moved()`);

    // Recomputes every fact from the source tables: the backfill below, and after a bulk load that
    // ran with triggers off (session_replication_role = replica), as the bench's generator does.
    await db.query(`
      CREATE FUNCTION aggregate_facts_rebuild() RETURNS void LANGUAGE sql AS $$
        TRUNCATE coding_facts, response_facts;
        INSERT INTO response_facts SELECT * FROM response_facts_source;
        INSERT INTO coding_facts (response_id, theme_id, engagement_id, participant_id, area_id, format, prompt, age_band, starts_at)
        SELECT DISTINCT f.response_id, c.theme_id, f.engagement_id, f.participant_id, f.area_id, f.format, f.prompt, f.age_band, f.starts_at
        FROM codings c JOIN response_facts f ON f.response_id = c.response_id;
        UPDATE aggregate_versions SET version = version + 1;
      $$`);
    await db.query(`SELECT aggregate_facts_rebuild()`);
    // Rows ordered by participant (per theme), so the figures stream out of index-only scans in
    // two GROUP BY steps, with no sort and no hash table. The narrow index serves the whole
    // engagement (a theme implies its engagement); the covering one serves a filter on any other
    // dimension; the area index lets an area filter read only its own entries (its rows are spread
    // over every heap page, so fetching them from the heap costs nearly as much as reading it all).
    await db.query(`CREATE INDEX response_facts_participant_idx ON response_facts (engagement_id, participant_id)`);
    await db.query(
      `CREATE INDEX response_facts_dimensions_idx ON response_facts (engagement_id, participant_id) INCLUDE (area_id, format, prompt, age_band, starts_at)`,
    );
    await db.query(
      `CREATE INDEX response_facts_area_idx ON response_facts (engagement_id, area_id, participant_id) INCLUDE (format, prompt, age_band, starts_at)`,
    );
    await db.query(`CREATE INDEX coding_facts_theme_idx ON coding_facts (theme_id, participant_id)`);
    await db.query(
      `CREATE INDEX coding_facts_dimensions_idx ON coding_facts (theme_id, participant_id) INCLUDE (area_id, format, prompt, age_band, starts_at)`,
    );
    await db.query(
      `CREATE INDEX coding_facts_area_idx ON coding_facts (area_id, theme_id, participant_id) INCLUDE (format, prompt, age_band, starts_at)`,
    );

    // Any change to the facts, cascades included, marks its engagements changed in this transaction;
    // at commit the mark bumps the engagement's version once and goes.
    await db.query(`
      CREATE FUNCTION aggregate_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO aggregate_changes (engagement_id, transaction_id)
        SELECT DISTINCT engagement_id, pg_current_xact_id() FROM changed
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const table of ['response_facts', 'coding_facts']) {
      await db.query(`
        CREATE TRIGGER ${table}_changed_insert AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION aggregate_facts_changed()`);
      await db.query(`
        CREATE TRIGGER ${table}_changed_update AFTER UPDATE ON ${table}
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION aggregate_facts_changed()`);
      await db.query(`
        CREATE TRIGGER ${table}_changed_delete AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION aggregate_facts_changed()`);
    }
    await db.query(`
      CREATE FUNCTION aggregate_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO aggregate_versions (engagement_id, version) VALUES (NEW.engagement_id, 1)
        ON CONFLICT (engagement_id) DO UPDATE SET version = aggregate_versions.version + 1;
        DELETE FROM aggregate_changes WHERE engagement_id = NEW.engagement_id AND transaction_id = NEW.transaction_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER aggregate_changes_commit AFTER INSERT ON aggregate_changes
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION aggregate_version_bump()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER responses_facts_insert ON responses`);
    await db.query(`DROP TRIGGER responses_facts_update ON responses`);
    await db.query(`DROP TRIGGER sessions_facts_update ON sessions`);
    await db.query(`DROP TRIGGER participants_facts_update ON participants`);
    await db.query(`DROP TRIGGER codings_facts_insert ON codings`);
    await db.query(`DROP TRIGGER codings_facts_delete ON codings`);
    await db.query(`DROP TRIGGER codings_facts_update ON codings`);
    await db.query(`DROP TABLE coding_facts, response_facts, aggregate_changes, aggregate_versions`);
    await db.query(`DROP VIEW response_facts_source`);
    for (const fn of [
      'aggregate_facts_rebuild()',
      'aggregate_version_bump()',
      'aggregate_facts_changed()',
      'codings_moved()',
      'codings_removed()',
      'codings_added()',
      'participants_changed()',
      'sessions_changed()',
      'responses_changed()',
      'responses_added()',
      'remove_coding_facts(uuid[], uuid[])',
      'add_coding_facts(uuid[], uuid[])',
      'refresh_response_facts(uuid[])',
    ]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
  }
}
