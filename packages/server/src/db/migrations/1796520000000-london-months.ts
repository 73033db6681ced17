import type { MigrationInterface, QueryRunner } from 'typeorm';

const UTC_MONTH = `to_char(f.starts_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
const LONDON_MONTH = `london_month(f.starts_at)`;
const ROLLUP_FUNCTIONS = ['theme_rollups_added', 'theme_rollups_removed', 'theme_rollups_moved'];

/**
 * MONTH figures are calendar months in Europe/London, not UTC: a response at 00:30 BST on 1 June
 * belongs to June. `london_month()` is the one rule in SQL (`cityMonth()` in @chorus/shared the same
 * in TypeScript). The theme rollup triggers (migration 1796370000000) are rewritten to key their
 * MONTH counters by it, and those counters recounted, with writers held off meanwhile, so no change
 * is counted under the old rule after the recount. Releases already published keep the months they
 * were built with: a release is immutable.
 */
export class LondonMonths1796520000000 implements MigrationInterface {
  name = 'LondonMonths1796520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`LOCK TABLE theme_response_facts, theme_cells IN SHARE ROW EXCLUSIVE MODE`);
    // STABLE, not IMMUTABLE: to_char is stable, and only then is the function inlined into a query
    // (no call per row); nothing indexes by it.
    await db.query(`
      CREATE FUNCTION london_month(ts timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT to_char(ts AT TIME ZONE 'Europe/London', 'YYYY-MM') $$`);
    await rewriteRollups(db, UTC_MONTH, LONDON_MONTH);
    await recountMonths(db, LONDON_MONTH);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`LOCK TABLE theme_response_facts, theme_cells IN SHARE ROW EXCLUSIVE MODE`);
    await rewriteRollups(db, LONDON_MONTH, UTC_MONTH);
    await recountMonths(db, UTC_MONTH);
    await db.query(`DROP FUNCTION london_month(timestamptz)`);
  }
}

/** Each theme rollup trigger function with its MONTH key `from` replaced by `to`; it must be there. */
async function rewriteRollups(db: QueryRunner, from: string, to: string): Promise<void> {
  for (const name of ROLLUP_FUNCTIONS) {
    const [{ definition }] = (await db.query(`SELECT pg_get_functiondef($1::regproc) AS definition`, [name])) as [
      { definition: string },
    ];
    const rewritten = definition.replaceAll(from, to);
    if (rewritten === definition) throw new Error(`${name}() does not key MONTH by ${from}`);
    await db.query(rewritten);
  }
}

/** The MONTH counters of `theme_cells` recounted from the theme facts, and every engagement's figures marked changed. */
async function recountMonths(db: QueryRunner, month: string): Promise<void> {
  await db.query(`DELETE FROM theme_cells WHERE dimension = 'MONTH'`);
  await db.query(`
    INSERT INTO theme_cells (theme_id, dimension, value, responses, response_key)
    SELECT f.theme_id, 'MONTH', ${month}, count(*), sum(f.response_key)
    FROM theme_response_facts f GROUP BY 1, 3 ORDER BY 1, 3`);
  await db.query(`
    INSERT INTO aggregate_changes (engagement_id, transaction_id)
    SELECT DISTINCT engagement_id, pg_current_xact_id() FROM response_facts
    ON CONFLICT DO NOTHING`);
}
