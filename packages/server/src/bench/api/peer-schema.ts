import type { Client } from 'pg';

/**
 * What the two peers need beyond Chorus's tables, added to the scratch database only:
 * - computed columns for PostGraphile (`sessions_response_count(sessions)` becomes
 *   `Session.responseCount`), with Chorus's meaning of each count;
 * - two views with the whole-engagement theme summary, suppression applied as Chorus applies it.
 *   PostGraphile v5 has no aggregates plugin yet (@graphile/pg-aggregates is for v4), so it
 *   serves these views as `allThemeSummaryTotals` and `allThemeSummaryCounts`; the baseline
 *   reads the same views, so both peers run the same plain GROUP BY.
 */
const PEER_SCHEMA = `
  -- PostGraphile v5 orders only by indexed columns unless told; Chorus lists codings by creation.
  COMMENT ON COLUMN codings.created_at IS E'@behavior +orderBy';

  CREATE FUNCTION sessions_response_count(s sessions) RETURNS int LANGUAGE sql STABLE AS $$
    SELECT count(*)::int FROM responses r WHERE r.session_id = s.id
  $$;

  -- People registered at the session, and anyone who spoke there.
  CREATE FUNCTION sessions_participant_count(s sessions) RETURNS int LANGUAGE sql STABLE AS $$
    SELECT count(DISTINCT seen.participant_id)::int FROM (
      SELECT p.id AS participant_id FROM participants p WHERE p.session_id = s.id
      UNION ALL
      SELECT r.participant_id FROM responses r WHERE r.session_id = s.id AND r.participant_id IS NOT NULL
    ) seen
  $$;

  CREATE VIEW theme_summary_totals AS
  SELECT e.id AS engagement_id, e.suppression_threshold AS threshold,
         CASE WHEN t.responses >= e.suppression_threshold THEN t.responses END AS total_responses,
         CASE WHEN t.participants >= e.suppression_threshold THEN t.participants END AS total_participants
  FROM engagements e
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS responses, count(DISTINCT r.participant_id)::int AS participants
    FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.engagement_id = e.id
  ) t;

  CREATE VIEW theme_summary_counts AS
  WITH per_theme AS (
    SELECT c.theme_id, count(DISTINCT r.id)::int AS responses, count(DISTINCT r.participant_id)::int AS participants
    FROM codings c
    JOIN responses r ON r.id = c.response_id
    JOIN sessions s ON s.id = r.session_id
    JOIN themes th ON th.id = c.theme_id AND th.engagement_id = s.engagement_id
    GROUP BY c.theme_id
  ), cells AS (
    SELECT t.engagement_id, t.id AS theme_id, t.name, coalesce(pt.responses, 0) AS responses,
           coalesce(pt.participants, 0) AS participants, e.suppression_threshold AS threshold
    FROM themes t JOIN engagements e ON e.id = t.engagement_id LEFT JOIN per_theme pt ON pt.theme_id = t.id
  )
  SELECT engagement_id, theme_id, name,
         CASE WHEN responses >= threshold AND participants >= threshold THEN responses END AS responses,
         CASE WHEN responses >= threshold AND participants >= threshold THEN participants END AS participants,
         NOT (responses >= threshold AND participants >= threshold) AS suppressed
  FROM cells;
`;

export async function createPeerSchema(db: Client): Promise<void> {
  await db.query(PEER_SCHEMA);
}
