import type { Client } from 'pg';

/**
 * What the two peers need beyond Chorus's tables, added to the scratch database only:
 * - computed columns for PostGraphile (`sessions_response_count(sessions)` becomes
 *   `Session.responseCount`), with Chorus's meaning of each count;
 * - two views with the whole-engagement theme summary, perturbed and suppressed as Chorus's
 *   disclosure module does (subtrees, cell keys, the same ptable), so the answers agree.
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

  -- Chorus's disclosure control (disclosure/ptable.ts) in SQL: a count and its cell key, released.
  CREATE FUNCTION peer_release(n bigint, cell_key bigint, threshold int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN n < threshold OR n + adj < threshold THEN NULL ELSE (n + adj)::int END
    FROM (SELECT CASE WHEN k < 16 THEN -3 WHEN k < 48 THEN -2 WHEN k < 96 THEN -1 WHEN k < 160 THEN 0
                      WHEN k < 208 THEN 1 WHEN k < 240 THEN 2 ELSE 3 END AS adj
          FROM (SELECT cell_key % 256 AS k) key) adjustment
  $$;

  CREATE VIEW theme_summary_totals AS
  SELECT e.id AS engagement_id, e.suppression_threshold AS threshold,
         peer_release(t.responses, t.response_key, e.suppression_threshold) AS total_responses,
         peer_release(t.participants, t.participant_key, e.suppression_threshold) AS total_participants
  FROM engagements e
  CROSS JOIN LATERAL (
    SELECT count(*) AS responses, coalesce(sum(r.record_key), 0) AS response_key,
           count(DISTINCT r.participant_id) AS participants,
           (SELECT coalesce(sum(p.record_key), 0) FROM participants p WHERE p.id IN (
              SELECT r2.participant_id FROM responses r2 JOIN sessions s2 ON s2.id = r2.session_id
              WHERE s2.engagement_id = e.id)) AS participant_key
    FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.engagement_id = e.id
  ) t;

  -- A theme counts every response coded anywhere in its subtree, once.
  CREATE VIEW theme_summary_counts AS
  WITH RECURSIVE tree (ancestor, theme_id) AS (
    SELECT id, id FROM themes
    UNION ALL SELECT tree.ancestor, t.id FROM tree JOIN themes t ON t.parent_id = tree.theme_id
  ), coded AS (
    SELECT DISTINCT tree.ancestor AS theme_id, r.id, r.record_key, r.participant_id
    FROM codings c JOIN tree ON tree.theme_id = c.theme_id JOIN responses r ON r.id = c.response_id
  ), per_theme AS (
    SELECT c.theme_id, count(*) AS responses, sum(c.record_key) AS response_key,
           count(DISTINCT c.participant_id) AS participants,
           (SELECT coalesce(sum(p.record_key), 0) FROM participants p
            WHERE p.id IN (SELECT participant_id FROM coded c2 WHERE c2.theme_id = c.theme_id)) AS participant_key
    FROM coded c GROUP BY c.theme_id
  ), cells AS (
    SELECT t.engagement_id, t.id AS theme_id, t.name,
           peer_release(coalesce(pt.responses, 0), coalesce(pt.response_key, 0), e.suppression_threshold) AS responses,
           peer_release(coalesce(pt.participants, 0), coalesce(pt.participant_key, 0), e.suppression_threshold) AS participants
    FROM themes t JOIN engagements e ON e.id = t.engagement_id LEFT JOIN per_theme pt ON pt.theme_id = t.id
  )
  SELECT engagement_id, theme_id, name,
         CASE WHEN responses IS NOT NULL AND participants IS NOT NULL THEN responses END AS responses,
         CASE WHEN responses IS NOT NULL AND participants IS NOT NULL THEN participants END AS participants,
         responses IS NULL OR participants IS NULL AS suppressed
  FROM cells;
`;

export async function createPeerSchema(db: Client): Promise<void> {
  await db.query(PEER_SCHEMA);
}
