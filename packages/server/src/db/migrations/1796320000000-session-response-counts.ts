import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many responses each session holds, kept by statement-level triggers on `responses`, so a
 * count over a million responses (a list's totalCount, a session's responseCount) reads one row
 * per session instead of every response. Exact: the counter changes in the same transaction as
 * the rows. Rows are upserted in session order, so concurrent batches never deadlock on them.
 * And an index that pages a session's responses newest first without sorting them.
 */
export class SessionResponseCounts1796320000000 implements MigrationInterface {
  name = 'SessionResponseCounts1796320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE session_response_counts (
        session_id uuid PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        responses bigint NOT NULL CHECK (responses >= 0)
      )`);
    await db.query(`
      CREATE FUNCTION session_response_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO session_response_counts (session_id, responses)
        SELECT session_id, count(*) FROM added GROUP BY session_id ORDER BY session_id
        ON CONFLICT (session_id) DO UPDATE SET responses = session_response_counts.responses + EXCLUDED.responses;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION session_response_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_response_counts c SET responses = c.responses - gone.n
        FROM (SELECT session_id, count(*) AS n FROM removed GROUP BY session_id ORDER BY session_id) gone
        WHERE c.session_id = gone.session_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION session_response_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO session_response_counts (session_id, responses)
        SELECT session_id, sum(n) FROM (
          SELECT session_id, 1 AS n FROM added UNION ALL SELECT session_id, -1 FROM removed
        ) moved GROUP BY session_id HAVING sum(n) <> 0 ORDER BY session_id
        ON CONFLICT (session_id) DO UPDATE SET responses = session_response_counts.responses + EXCLUDED.responses;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION session_response_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM session_response_counts;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER responses_count_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION session_response_counts_add()`);
    await db.query(`
      CREATE TRIGGER responses_count_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION session_response_counts_remove()`);
    // A response moved to another session (no API does it) leaves one count and joins the other.
    await db.query(`
      CREATE TRIGGER responses_count_update AFTER UPDATE ON responses REFERENCING OLD TABLE AS removed NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION session_response_counts_move()`);
    await db.query(`
      CREATE TRIGGER responses_count_truncate AFTER TRUNCATE ON responses
      FOR EACH STATEMENT EXECUTE FUNCTION session_response_counts_clear()`);
    await db.query(`
      INSERT INTO session_response_counts (session_id, responses)
      SELECT session_id, count(*) FROM responses GROUP BY session_id`);
    // A session's responses, newest first, straight off the index (keyset pages with no sort);
    // it also serves every lookup by session_id, so the single-column index goes.
    await db.query(`CREATE INDEX responses_session_created_idx ON responses (session_id, created_at DESC, id DESC)`);
    await db.query(`DROP INDEX responses_session_id_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX responses_session_id_idx ON responses (session_id)`);
    await db.query(`DROP INDEX responses_session_created_idx`);
    for (const trigger of ['insert', 'delete', 'update', 'truncate'])
      await db.query(`DROP TRIGGER responses_count_${trigger} ON responses`);
    for (const fn of ['add', 'remove', 'move', 'clear'])
      await db.query(`DROP FUNCTION session_response_counts_${fn}()`);
    await db.query(`DROP TABLE session_response_counts`);
  }
}
