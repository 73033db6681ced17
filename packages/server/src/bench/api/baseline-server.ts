import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * B1, the baseline of `pnpm bench api`: `node:http` and `pg`, one hand-written statement per
 * request that builds the answer's JSON in PostgreSQL, in the shape of Chorus's `data`. No
 * authentication, no GraphQL: the floor a server of these rows can reach.
 * PORT, DATABASE_URL and ENGAGEMENT_ID from the environment.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const engagementId = process.env.ENGAGEMENT_ID!;

/** A timestamptz as GraphQL's DateTime writes it: UTC, milliseconds, `Z`. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SESSION_JSON = (s: string) => `'id', ${s}.id, 'title', ${s}.title, 'format', ${s}.format, 'status', ${s}.status,
  'startsAt', ${iso(`${s}.starts_at`)}, 'endsAt', ${iso(`${s}.ends_at`)}, 'venue', ${s}.venue,
  'audience', ${s}.audience, 'headcount', ${s}.headcount, 'createdAt', ${iso(`${s}.created_at`)}`;

const SESSION = `SELECT json_build_object('session', json_build_object(${SESSION_JSON('s')}))::text AS body
  FROM sessions s WHERE s.id = $1 AND s.engagement_id = $2`;

const SESSIONS = `
  WITH page AS (
    SELECT * FROM sessions WHERE engagement_id = $1 ORDER BY starts_at DESC, id DESC LIMIT 50
  )
  SELECT json_build_object('sessions', json_build_object(
    'totalCount', (SELECT count(*) FROM sessions WHERE engagement_id = $1),
    'edges', coalesce(json_agg(json_build_object('node', json_build_object(${SESSION_JSON('p')},
      'organisation', CASE WHEN o.id IS NOT NULL THEN json_build_object('id', o.id, 'name', o.name) END,
      'area', CASE WHEN a.id IS NOT NULL THEN json_build_object('id', a.id, 'name', a.name) END,
      'responseCount', (SELECT count(*) FROM responses r WHERE r.session_id = p.id),
      'participantCount', (SELECT count(DISTINCT seen.id) FROM (
        SELECT pa.id FROM participants pa WHERE pa.session_id = p.id
        UNION ALL
        SELECT r.participant_id FROM responses r WHERE r.session_id = p.id AND r.participant_id IS NOT NULL) seen)
    )) ORDER BY p.starts_at DESC, p.id DESC), '[]')))::text AS body
  FROM page p LEFT JOIN organisations o ON o.id = p.organisation_id LEFT JOIN areas a ON a.id = p.area_id`;

const responses = (withTotal: boolean) => `
  WITH page AS (
    SELECT r.* FROM responses r JOIN sessions s ON s.id = r.session_id
    WHERE s.engagement_id = $1 AND ($2::uuid IS NULL OR r.session_id = $2)
    ORDER BY r.created_at DESC, r.id DESC LIMIT 100
  )
  SELECT json_build_object('responses', json_build_object(
    ${
      withTotal
        ? `'totalCount', (SELECT count(*) FROM responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.engagement_id = $1 AND ($2::uuid IS NULL OR r.session_id = $2)),`
        : ''
    }
    'edges', coalesce(json_agg(json_build_object('node', json_build_object(
      'id', p.id, 'prompt', p.prompt, 'text', p.text, 'language', p.language, 'source', p.source,
      'createdAt', ${iso('p.created_at')},
      'participant', CASE WHEN pa.id IS NOT NULL THEN json_build_object('id', pa.id, 'code', pa.code, 'ageBand', pa.age_band) END,
      'session', json_build_object('id', s.id, 'title', s.title),
      'codings', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'theme', json_build_object('id', t.id, 'name', t.name))
                    ORDER BY c.created_at, c.id), '[]')
                  FROM codings c JOIN themes t ON t.id = c.theme_id WHERE c.response_id = p.id)
    )) ORDER BY p.created_at DESC, p.id DESC), '[]')))::text AS body
  FROM page p JOIN sessions s ON s.id = p.session_id LEFT JOIN participants pa ON pa.id = p.participant_id`;

const THEME_SUMMARY = `
  SELECT json_build_object('themeSummary', json_build_object(
    'threshold', totals.threshold, 'totalResponses', totals.total_responses, 'totalParticipants', totals.total_participants,
    'themes', (SELECT coalesce(json_agg(json_build_object('theme', json_build_object('id', c.theme_id, 'name', c.name),
                 'responses', c.responses, 'participants', c.participants, 'suppressed', c.suppressed)
                 ORDER BY c.name, c.theme_id), '[]')
               FROM theme_summary_counts c WHERE c.engagement_id = $1)))::text AS body
  FROM theme_summary_totals totals WHERE totals.engagement_id = $1`;

const ROUTES: Record<string, (params: URLSearchParams) => [string, unknown[]]> = {
  '/session': (params) => [SESSION, [params.get('id'), engagementId]],
  '/sessions': () => [SESSIONS, [engagementId]],
  '/responses': (params) => [responses(params.get('total') === '1'), [engagementId, params.get('sessionId') || null]],
  '/theme-summary': () => [THEME_SUMMARY, [engagementId]],
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname === '/healthz') return void res.end('ok');
  const route = ROUTES[url.pathname];
  if (!route) {
    res.statusCode = 404;
    return void res.end();
  }
  const [sql, params] = route(url.searchParams);
  pool.query<{ body: string }>(sql, params).then(
    ({ rows }) => {
      res.setHeader('content-type', 'application/json');
      res.end(`{"data":${rows[0]?.body ?? 'null'}}`);
    },
    (error: Error) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ errors: [{ message: error.message }] }));
    },
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => void pool.end()));
