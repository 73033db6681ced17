import { Client } from 'pg';

/** How much data a scale means: the issue's volume at 1,000,000 responses, proportionally below. */
export interface Volume {
  responses: number;
  codingsPerResponse: number;
  participants: number;
  sessions: number;
  areas: number;
  organisations: number;
}

export function volumeFor(scale: number): Volume {
  return {
    responses: scale,
    codingsPerResponse: 2,
    participants: Math.max(10, Math.round(scale / 10)),
    sessions: Math.max(5, Math.round(scale / 500)),
    areas: 24,
    organisations: 40,
  };
}

/** The codebook: 8 top-level themes, 4 children each, 2 grandchildren each (104 themes). */
const TOP_THEMES = ['Transport', 'Housing', 'Green space', 'Safety', 'Health', 'Work', 'Culture', 'Community'];
const CHILDREN = ['access', 'cost', 'quality', 'planning'];
const GRANDCHILDREN = ['for families', 'for older people'];

// Participant codes: six symbols of this alphabet (the one the schema's CHECK allows), from the row number.
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const codeOf = (n: string) =>
  Array.from({ length: 6 }, (_, k) => `substr('${CODE_ALPHABET}', 1 + ((${n} / ${25 ** k}) % 25)::int, 1)`).join(
    ' || ',
  );

const TEXT_OPENINGS = [
  'The buses into town stop too early',
  'I love the library on the high street',
  'There is nowhere for teenagers to go',
  'The park by the canal feels safe now',
  'Rents keep going up faster than wages',
  'The community centre brings people together',
  'Potholes on our road have been there for years',
  'The market on Saturdays is the heart of the place',
  'It is hard to get a GP appointment',
  'More trees and benches would help older people',
  'The festival made me proud of where I live',
  'Street lighting near the station is poor',
  'Cycle lanes stop and start for no reason',
];
const TEXT_CLOSINGS = [
  'and nobody seems to listen.',
  'which is why we stay.',
  'so we drive everywhere instead.',
  'and it has got worse since the pandemic.',
  'but the volunteers are wonderful.',
  'and my children notice it too.',
  'which would change everything for us.',
];
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Fills a freshly migrated database with one engagement of `volume`, set-based (INSERT … SELECT
 * over generate_series), deterministic. Foreign-key triggers are off while loading (the rows are
 * consistent by construction) and the secondary indexes of the tables that grow with it are dropped and
 * rebuilt afterwards, which is several times faster than maintaining them row by row.
 */
export async function generateVolume(databaseUrl: string, volume: Volume, log: (line: string) => void): Promise<void> {
  // Two connections: the index rebuild at the end runs on both cores.
  const [db, second] = [new Client({ connectionString: databaseUrl }), new Client({ connectionString: databaseUrl })];
  await Promise.all([db.connect(), second.connect()]);
  try {
    const dropped = await load(db, volume, log);
    await rebuildIndexes([db, second], dropped, log);
  } finally {
    await Promise.all([db.end(), second.end()]);
  }
}

/** Secondary indexes of the tables that grow with the scale, dropped while loading. */
const BIG_TABLES = ['participants', 'consent_events', 'responses', 'codings'];
interface Index {
  indexname: string;
  indexdef: string;
}

/** Fact tables the rebuild fills; their secondary indexes are dropped while it does. */
const REBUILT_FACTS = ['theme_response_facts'];

/** Drops the secondary indexes of `tables` and returns them. Constraints' indexes (primary keys, UNIQUE) stay. */
async function dropSecondaryIndexes(db: Client, tables: string[]): Promise<Index[]> {
  const { rows: indexes } = await db.query<Index>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  return indexes;
}

/** Creates `indexes`, one per connection at a time, the GIN ones (full text, trigrams; the slow ones) first. */
async function createIndexes(connections: Client[], indexes: Index[]): Promise<void> {
  const queue = [...indexes];
  queue.sort((a, b) => Number(b.indexdef.includes('USING gin')) - Number(a.indexdef.includes('USING gin')));
  await Promise.all(
    connections.map(async (db) => {
      await db.query(`SET maintenance_work_mem = '256MB'`);
      for (let index = queue.shift(); index; index = queue.shift()) await db.query(index.indexdef);
    }),
  );
}

/** Loads the rows; returns the indexes it dropped to do so. */
async function load(db: Client, volume: Volume, log: (line: string) => void): Promise<Index[]> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await db.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await db.query(`SET session_replication_role = replica`);
  await db.query(`SET synchronous_commit = off`);
  const indexes = await dropSecondaryIndexes(db, BIG_TABLES);

  await step(
    'engagement',
    `INSERT INTO engagements (name, notice_versions, suppression_threshold, starts_on)
     VALUES ('City listening exercise (bench)', '{v1}', 10, '2024-01-01')`,
  );
  await step(
    'areas',
    `INSERT INTO areas (name, population)
     SELECT 'Ward ' || g, 4000 + (g * 7919) % 30000 FROM generate_series(1, $1) g`,
    [volume.areas],
  );
  await step(
    'organisations',
    `INSERT INTO organisations (name, sector)
     SELECT 'Partner ' || g, (ARRAY['PUBLIC_SERVICE','BUSINESS','VOLUNTARY','EDUCATION','FAITH','COMMUNITY','OTHER'])[1 + g % 7]
     FROM generate_series(1, $1) g`,
    [volume.organisations],
  );
  // Sessions over two years; one in twelve without an area, one in three run by a partner.
  await step(
    'sessions',
    `WITH e AS (SELECT id FROM engagements),
          a AS (SELECT array_agg(id ORDER BY name) AS ids FROM areas),
          o AS (SELECT array_agg(id ORDER BY name) AS ids FROM organisations)
     INSERT INTO sessions (engagement_id, title, format, status, starts_at, ends_at, area_id, venue, audience,
                           organisation_id, headcount, created_at)
     SELECT e.id, 'Session ' || g,
            (ARRAY['WORKSHOP','CONVERSATION','INTERVIEW','QUESTIONNAIRE','FOCUS_GROUP'])[1 + g % 5],
            CASE WHEN g % 20 = 0 THEN 'CANCELLED' WHEN g > $1 * 0.95 THEN 'PLANNED' ELSE 'HELD' END,
            t.starts_at, t.starts_at + interval '2 hours',
            CASE WHEN g % 12 = 0 THEN NULL ELSE a.ids[1 + g % cardinality(a.ids)] END,
            'Venue ' || (g % 97), CASE WHEN g % 4 = 0 THEN 'young carers' END,
            CASE WHEN g % 3 = 0 THEN o.ids[1 + g % cardinality(o.ids)] END,
            10 + g % 40, t.starts_at - interval '14 days'
     FROM generate_series(1, $1) g
     CROSS JOIN e CROSS JOIN a CROSS JOIN o
     CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01 09:00Z' + (g * 730.0 / $1) * interval '1 day' AS starts_at) t`,
    [volume.sessions],
  );
  await db.query(`
    CREATE TEMP TABLE bench_sessions AS
    SELECT row_number() OVER (ORDER BY starts_at, id) - 1 AS n, id, organisation_id, starts_at FROM sessions;
    CREATE UNIQUE INDEX ON bench_sessions (n)`);
  // Participants spread evenly over the sessions; 70 % give an area, most an age band.
  await step(
    'participants',
    `WITH e AS (SELECT id FROM engagements), a AS (SELECT array_agg(id ORDER BY name) AS ids FROM areas)
     INSERT INTO participants (engagement_id, code, session_id, organisation_id, area_id, connections, age_band, created_at)
     SELECT e.id, ${codeOf('g')}, s.id, s.organisation_id,
            CASE WHEN g % 10 < 7 THEN a.ids[1 + (g / 7) % cardinality(a.ids)] END,
            CASE WHEN g % 3 = 0 THEN '{LIVES,WORKS}'::text[] ELSE '{LIVES}'::text[] END,
            (ARRAY['UNDER_16','AGE_16_24','AGE_25_34','AGE_35_44','AGE_45_54','AGE_55_64','AGE_65_74','AGE_75_PLUS','PREFER_NOT_TO_SAY', NULL])[1 + (g / 3) % 10],
            s.starts_at + (g % 90) * interval '1 minute'
     FROM generate_series(0, $1 - 1) g
     JOIN bench_sessions s ON s.n = g % $2
     CROSS JOIN e CROSS JOIN a`,
    [volume.participants, volume.sessions],
  );
  await step(
    'consents',
    `INSERT INTO consent_events (participant_id, purpose, granted, method, notice_version, recorded_at)
     SELECT id, 'PARTICIPATION', true, 'VERBAL', 'v1', created_at FROM participants`,
  );
  await db.query(`
    CREATE TEMP TABLE bench_participants AS
    SELECT row_number() OVER (ORDER BY created_at, id) - 1 AS n, id, session_id, organisation_id, created_at FROM participants;
    CREATE UNIQUE INDEX ON bench_participants (n)`);
  // Each participant answers about ten times; one response in twenty is anonymous (no participant).
  await step(
    'responses',
    `INSERT INTO responses (session_id, participant_id, position, prompt, text, language, source, created_at)
     SELECT p.session_id, CASE WHEN g % 20 <> 0 THEN p.id END, g % 5,
            (ARRAY['VALUES','BELONGING','CHALLENGES','FUTURE','WHAT_WORKS'])[1 + (g / 7) % 5],
            (${sqlArray(TEXT_OPENINGS)})[1 + g % ${TEXT_OPENINGS.length}] || ' ' ||
              (${sqlArray(TEXT_CLOSINGS)})[1 + (g / ${TEXT_OPENINGS.length}) % ${TEXT_CLOSINGS.length}],
            'en', CASE WHEN p.organisation_id IS NULL THEN 'STAFF' ELSE 'PARTNER_API' END,
            p.created_at + (g / $2) * interval '1 second' + (g % 1000) * interval '1 millisecond'
     FROM generate_series(0, $1 - 1) g
     JOIN bench_participants p ON p.n = g % $2`,
    [volume.responses, volume.participants],
  );
  // The codebook, three levels deep.
  await db.query(
    `WITH e AS (SELECT id FROM engagements)
     INSERT INTO themes (engagement_id, name, description) SELECT e.id, name, 'What people said about ' || lower(name)
     FROM unnest($1::text[]) name CROSS JOIN e`,
    [TOP_THEMES],
  );
  await db.query(
    `INSERT INTO themes (engagement_id, parent_id, name)
     SELECT t.engagement_id, t.id, t.name || ': ' || child FROM themes t CROSS JOIN unnest($1::text[]) child`,
    [CHILDREN],
  );
  await db.query(
    `INSERT INTO themes (engagement_id, parent_id, name)
     SELECT t.engagement_id, t.id, t.name || ' ' || grandchild FROM themes t CROSS JOIN unnest($1::text[]) grandchild
     WHERE t.parent_id IS NOT NULL`,
    [GRANDCHILDREN],
  );
  await db.query(`
    CREATE TEMP TABLE bench_themes AS SELECT row_number() OVER (ORDER BY name) - 1 AS n, id FROM themes;
    CREATE UNIQUE INDEX ON bench_themes (n)`);
  // Two codings per response to two different themes, skewed so a few themes carry most codings.
  await step(
    'codings',
    `WITH t AS (SELECT count(*)::int AS n FROM themes),
     picked AS (
       SELECT r.id, r.created_at, k,
              floor(t.n * power((abs(hashtext(r.id::text)) % 10000) / 10000.0, 2))::int AS first_theme,
              1 + abs(hashtext(r.id::text || 'second')) % (t.n - 1) AS offset_theme, t.n AS themes
       FROM responses r CROSS JOIN t CROSS JOIN generate_series(0, $1 - 1) k)
     INSERT INTO codings (response_id, theme_id, created_at)
     SELECT picked.id, bt.id, picked.created_at + (k + 1) * interval '1 hour'
     FROM picked JOIN bench_themes bt
       ON bt.n = CASE WHEN k = 0 THEN first_theme ELSE (first_theme + offset_theme * k) % themes END`,
    [volume.codingsPerResponse],
  );
  await db.query(`SET session_replication_role = DEFAULT`);
  return indexes;
}

async function rebuildIndexes(connections: Client[], indexes: Index[], log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await createIndexes(connections, indexes);
  log(`  indexes rebuilt: ${indexes.length}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // The load ran with triggers off, so the facts themeSummary counts from are computed here, with
  // the theme facts' covering indexes dropped meanwhile and built once they are filled.
  const facts = performance.now();
  const factIndexes = await dropSecondaryIndexes(connections[0]!, REBUILT_FACTS);
  await connections[0]!.query(`SELECT aggregate_facts_rebuild()`);
  log(`  aggregate facts rebuilt: ${((performance.now() - facts) / 1000).toFixed(1)} s`);
  const indexed = performance.now();
  await createIndexes(connections, factIndexes);
  log(`  theme fact indexes built: ${factIndexes.length}, ${((performance.now() - indexed) / 1000).toFixed(1)} s`);
  const counters = performance.now();
  // …and the per-session response counter that totalCount and responseCount read.
  await connections[0]!.query(
    `INSERT INTO session_response_counts (session_id, responses)
     SELECT session_id, count(*) FROM responses GROUP BY session_id
     ON CONFLICT (session_id) DO UPDATE SET responses = EXCLUDED.responses`,
  );
  log(`  response counters rebuilt: ${((performance.now() - counters) / 1000).toFixed(1)} s`);
  const vacuumed = performance.now();
  await connections[0]!.query(`VACUUM ANALYZE`);
  log(`  vacuum analyze: ${((performance.now() - vacuumed) / 1000).toFixed(1)} s`);
}
