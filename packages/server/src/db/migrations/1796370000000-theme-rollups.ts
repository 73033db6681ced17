import type { MigrationInterface, QueryRunner } from 'typeorm';

const FACT_COLUMNS =
  'engagement_id, participant_id, area_id, format, prompt, age_band, starts_at, sector, response_key, participant_key';

/** The categories a response falls in, one per dimension, as `theme_cells` keys them (ALL: the whole). */
const CATEGORIES = `(VALUES ('ALL', NULL), ('AREA', f.area_id::text), ('FORMAT', f.format), ('PROMPT', f.prompt),
  ('AGE_BAND', f.age_band), ('MONTH', to_char(f.starts_at AT TIME ZONE 'UTC', 'YYYY-MM')), ('SECTOR', f.sector))`;

/**
 * Theme figures maintained on write, so a parent theme's subtree is one index range and the
 * whole engagement's theme counts are a few thousand rows instead of millions of codings.
 *
 * - `theme_response_facts`: one row per response and each theme it counts under (the themes it is
 *   coded to and all their ancestors), once however many themes of the subtree it is coded to,
 *   with the dimensions and record keys of its `coding_facts`.
 * - `theme_cells`: per theme and category of each dimension (and ALL), the number of those rows
 *   and the sum of their response keys. Both add up, so each change adds or subtracts its rows.
 * - `theme_participants`: per theme and participant, how many of their responses count there;
 *   `theme_reach`: per theme, how many participants have at least one, and the sum of their
 *   participant keys, changed only when a participant's count leaves or reaches zero.
 *
 * `theme_response_facts` is recomputed, per statement, for the responses whose coding facts change
 * (coding, uncoding, a change of area or session, a withdrawal) and for every response coded under
 * a theme that moves to another parent; its own triggers keep the counters.
 */
export class ThemeRollups1796370000000 implements MigrationInterface {
  name = 'ThemeRollups1796370000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`LOCK TABLE responses, codings, themes, participants, sessions, organisations IN SHARE MODE`);
    await db.query(`
      CREATE VIEW theme_ancestry AS
        WITH RECURSIVE tree (ancestor_id, theme_id) AS (
          SELECT id, id FROM themes
          UNION ALL SELECT tree.ancestor_id, t.id FROM tree JOIN themes t ON t.parent_id = tree.theme_id)
        SELECT ancestor_id, theme_id FROM tree`);
    // No foreign keys: the rows follow coding_facts (which cascade from responses and themes)
    // through the triggers below, and a bulk rebuild is not checked row by row.
    await db.query(`
      CREATE TABLE theme_response_facts (
        theme_id uuid NOT NULL,
        response_id uuid NOT NULL,
        engagement_id uuid NOT NULL,
        participant_id uuid,
        area_id uuid,
        format text NOT NULL,
        prompt text NOT NULL,
        age_band text,
        starts_at timestamptz NOT NULL,
        sector text,
        response_key smallint NOT NULL,
        participant_key smallint,
        PRIMARY KEY (response_id, theme_id)
      )`);
    await db.query(`
      CREATE TABLE theme_cells (
        theme_id uuid NOT NULL,
        dimension text NOT NULL,
        value text,
        responses integer NOT NULL,
        response_key bigint NOT NULL,
        UNIQUE NULLS NOT DISTINCT (theme_id, dimension, value)
      )`);
    await db.query(`
      CREATE TABLE theme_participants (
        theme_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        participant_key smallint NOT NULL,
        responses integer NOT NULL,
        PRIMARY KEY (theme_id, participant_id)
      )`);
    await db.query(`
      CREATE TABLE theme_reach (
        theme_id uuid PRIMARY KEY,
        participants integer NOT NULL,
        participant_key bigint NOT NULL
      )`);
    // coding_facts → theme_response_facts, per statement.
    await onEveryStatement(db, 'coding_facts', 'coding_facts', (changed) =>
      refresh(changed.map(({ rows }) => `SELECT response_id FROM ${rows}`).join(' UNION ')),
    );
    // A theme moved to another parent: every response coded in its subtree counts elsewhere now.
    await db.query(`
      CREATE FUNCTION themes_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${refresh('SELECT c.response_id FROM coding_facts c JOIN theme_ancestry a ON a.theme_id = c.theme_id WHERE a.ancestor_id = NEW.id')}
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER themes_moved AFTER UPDATE OF parent_id ON themes
      FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION themes_moved()`);

    // A theme deleted (merged away) takes its rows, so no counter outlives its theme.
    await db.query(`
      CREATE FUNCTION themes_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM theme_response_facts WHERE theme_id IN (SELECT id FROM removed);
        DELETE FROM theme_cells WHERE theme_id IN (SELECT id FROM removed);
        DELETE FROM theme_participants WHERE theme_id IN (SELECT id FROM removed);
        DELETE FROM theme_reach WHERE theme_id IN (SELECT id FROM removed);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER themes_removed AFTER DELETE ON themes
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION themes_removed()`);

    // theme_response_facts → the counters. Each change is its rows with a sign: +1 added, −1 removed.
    await onEveryStatement(db, 'theme_response_facts', 'theme_rollups', (changed) =>
      counterUpdates(changed.map(({ rows, sign }) => `SELECT f.*, ${sign} AS sign FROM ${rows} f`).join(' UNION ALL ')),
    );

    // A theme moving changes figures without touching coding_facts: it marks the engagement changed too.
    for (const [event, referencing] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      await db.query(`
        CREATE TRIGGER theme_response_facts_changed_${event.toLowerCase()} AFTER ${event} ON theme_response_facts
        REFERENCING ${referencing} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION aggregate_facts_changed()`);
    }

    // The whole rebuild (after a bulk load with triggers off) now includes the theme rollups: the
    // insert into theme_response_facts counts them, through the same triggers as any write.
    await db.query(
      rebuild('coding_facts, response_facts, theme_response_facts, theme_cells, theme_participants, theme_reach'),
    );
    await db.query(`INSERT INTO theme_response_facts (theme_id, response_id, ${FACT_COLUMNS}) ${source()}`);
    // A theme's subtree is one range, ordered by participant (the figures stream out of it in two
    // GROUP BY steps); the area index lets an area filter read only its own entries.
    await db.query(`CREATE INDEX theme_response_facts_theme_idx ON theme_response_facts (theme_id, participant_id)
      INCLUDE (response_key, participant_key, area_id, format, prompt, age_band, sector, starts_at)`);
    await db.query(`CREATE INDEX theme_response_facts_area_idx ON theme_response_facts (area_id, theme_id, participant_id)
      INCLUDE (response_key, participant_key, format, prompt, age_band, sector, starts_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER themes_moved ON themes`);
    await db.query(`DROP TRIGGER themes_removed ON themes`);
    for (const event of EVENTS) await db.query(`DROP TRIGGER coding_facts_${event.name} ON coding_facts`);
    await db.query(rebuild('coding_facts, response_facts'));
    await db.query(`DROP TABLE theme_response_facts, theme_cells, theme_participants, theme_reach`);
    await db.query(`DROP VIEW theme_ancestry`);
    for (const fn of [
      'themes_moved()',
      'themes_removed()',
      ...EVENTS.flatMap(({ name }) => [`coding_facts_${name}()`, `theme_rollups_${name}()`]),
    ]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
  }
}

/** aggregate_facts_rebuild(), emptying these tables first. */
function rebuild(tables: string): string {
  return `
    CREATE OR REPLACE FUNCTION aggregate_facts_rebuild() RETURNS void LANGUAGE sql AS $$
      TRUNCATE ${tables};
      INSERT INTO response_facts SELECT * FROM response_facts_source;
      INSERT INTO coding_facts (response_id, theme_id, ${FACT_COLUMNS})
      SELECT DISTINCT f.response_id, c.theme_id, ${of('f', FACT_COLUMNS)}
      FROM codings c JOIN response_facts f ON f.response_id = c.response_id;
      UPDATE aggregate_versions SET version = version + 1;
    $$`;
}

/** The theme facts as coding_facts and the codebook make them, of these responses (a subquery) or all. */
function source(ids?: string): string {
  return `SELECT DISTINCT a.ancestor_id AS theme_id, c.response_id, ${of('c', FACT_COLUMNS)}
          FROM coding_facts c JOIN theme_ancestry a ON a.theme_id = c.theme_id
          ${ids ? `WHERE c.response_id IN (${ids})` : ''}`;
}

/**
 * Brings the theme facts of these responses (a subquery) in line with their coding facts: set
 * operations and joins on the responses' own rows, so one coding costs a few index probes.
 */
function refresh(ids: string): string {
  return `
    DELETE FROM theme_response_facts f
    USING (SELECT theme_id, response_id FROM theme_response_facts WHERE response_id IN (${ids})
           EXCEPT SELECT theme_id, response_id FROM (${source(ids)}) s) gone
    WHERE f.theme_id = gone.theme_id AND f.response_id = gone.response_id;
    UPDATE theme_response_facts f SET (${FACT_COLUMNS}) = (${of('s', FACT_COLUMNS)})
    FROM (${source(ids)}) s
    WHERE f.response_id = s.response_id AND f.theme_id = s.theme_id
      AND (${of('f', FACT_COLUMNS)}) IS DISTINCT FROM (${of('s', FACT_COLUMNS)});
    INSERT INTO theme_response_facts (theme_id, response_id, ${FACT_COLUMNS})
    SELECT theme_id, response_id, ${FACT_COLUMNS} FROM (${source(ids)}) s
    ON CONFLICT DO NOTHING;`;
}

/** Each event with its transition tables: the rows it added and removed. */
const EVENTS = [
  { event: 'INSERT', name: 'added', changed: [{ rows: 'added', sign: 1 }] },
  { event: 'DELETE', name: 'removed', changed: [{ rows: 'removed', sign: -1 }] },
  {
    event: 'UPDATE',
    name: 'moved',
    changed: [
      { rows: 'removed', sign: -1 },
      { rows: 'added', sign: 1 },
    ],
  },
] as const;

/** A trigger per statement and event on `table` (transition tables serve one event each), running `body` over its changed rows. */
async function onEveryStatement(
  db: QueryRunner,
  table: string,
  prefix: string,
  body: (changed: readonly { rows: string; sign: number }[]) => string,
): Promise<void> {
  for (const { event, name, changed } of EVENTS) {
    const referencing = changed.map(({ rows }) => `${rows === 'added' ? 'NEW' : 'OLD'} TABLE AS ${rows}`).join(' ');
    await db.query(`
      CREATE FUNCTION ${prefix}_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${body(changed)}
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER ${prefix}_${name} AFTER ${event} ON ${table}
      REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_${name}()`);
  }
}

function of(alias: string, columns: string): string {
  return columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

/**
 * The statements that apply signed changes of theme_response_facts to the counters, in key order
 * so concurrent writers lock counter rows in the same order. A participant counts under a theme
 * while their count there is above zero: a count reaching zero is deleted with the change that
 * took it there, so no row names a participant who has nothing left.
 */
function counterUpdates(changes: string): string {
  return `
    INSERT INTO theme_cells AS c (theme_id, dimension, value, responses, response_key)
    SELECT f.theme_id, d.dimension, d.value, sum(f.sign), sum(f.sign * f.response_key)
    FROM (${changes}) f CROSS JOIN LATERAL ${CATEGORIES} d (dimension, value)
    GROUP BY 1, 2, 3 HAVING sum(f.sign) <> 0 OR sum(f.sign * f.response_key) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (theme_id, dimension, value) DO UPDATE
    SET responses = c.responses + excluded.responses, response_key = c.response_key + excluded.response_key;

    WITH delta AS (
      SELECT f.theme_id, f.participant_id, min(f.participant_key) AS participant_key, sum(f.sign)::int AS n
      FROM (${changes}) f WHERE f.participant_id IS NOT NULL
      GROUP BY 1, 2 HAVING sum(f.sign) <> 0),
    counted AS (
      INSERT INTO theme_participants AS p (theme_id, participant_id, participant_key, responses)
      SELECT theme_id, participant_id, participant_key, n FROM delta ORDER BY 1, 2
      ON CONFLICT (theme_id, participant_id) DO UPDATE SET responses = p.responses + excluded.responses
      RETURNING p.theme_id, p.participant_id, p.participant_key, p.responses),
    crossed AS (
      SELECT c.theme_id, c.participant_key,
             CASE WHEN c.responses > 0 AND c.responses = d.n THEN 1 WHEN c.responses = 0 THEN -1 ELSE 0 END AS step
      FROM counted c JOIN delta d USING (theme_id, participant_id))
    INSERT INTO theme_reach AS r (theme_id, participants, participant_key)
    SELECT theme_id, sum(step), sum(step * participant_key) FROM crossed
    GROUP BY 1 HAVING sum(step) <> 0 OR sum(step * participant_key) <> 0 ORDER BY 1
    ON CONFLICT (theme_id) DO UPDATE
    SET participants = r.participants + excluded.participants, participant_key = r.participant_key + excluded.participant_key;

    DELETE FROM theme_participants p
    USING (SELECT DISTINCT theme_id, participant_id FROM (${changes}) f WHERE f.sign < 0 AND f.participant_id IS NOT NULL) x
    WHERE p.theme_id = x.theme_id AND p.participant_id = x.participant_id AND p.responses = 0;`;
}
