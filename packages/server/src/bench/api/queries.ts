/** One GraphQL request. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** A query of the bench, as each of the three servers is asked it. */
export interface BenchQuery {
  name: string;
  /** Which Chorus credential asks it: a signed-in admin, or a council reader's API key. */
  caller: 'staff' | 'council';
  chorus: GraphqlRequest;
  /** The baseline's path: its routes take the same parameters as the GraphQL query. */
  baseline: string;
  postgraphile: GraphqlRequest;
  /** PostGraphile's `data` in Chorus's shape, where aliases alone cannot make it so. */
  fromPostgraphile?: (data: Record<string, unknown>) => unknown;
}

export interface BenchIds {
  engagementId: string;
  /** A session with a typical number of responses (the scale over the number of sessions). */
  sessionId: string;
}

const SESSION_FIELDS = 'title format status startsAt endsAt venue audience headcount createdAt';
const RESPONSE_FIELDS = 'prompt text language source createdAt';

function responsesQuery(name: string, withTotal: boolean, bySession: boolean, ids: BenchIds): BenchQuery {
  const total = withTotal ? 'totalCount ' : '';
  const chorusFilter = bySession ? ', filter: { sessionId: $sessionId }' : '';
  const pgCondition = bySession
    ? 'condition: { sessionId: $sessionId }, '
    : ''; /* one engagement in the database: every response is in it */
  const params = new URLSearchParams({
    total: withTotal ? '1' : '0',
    ...(bySession ? { sessionId: ids.sessionId } : {}),
  });
  return {
    name,
    caller: 'staff',
    chorus: {
      query: `query Responses${bySession ? '($sessionId: ID!)' : ''} {
        responses(first: 100${chorusFilter}) { ${total}edges { node { id ${RESPONSE_FIELDS}
          participant { id code ageBand } session { id title } codings { id theme { id name } } } } }
      }`,
      variables: bySession ? { sessionId: ids.sessionId } : {},
    },
    baseline: `/responses?${params.toString()}`,
    postgraphile: {
      query: `query Responses${bySession ? '($sessionId: UUID!)' : ''} {
        responses: allResponses(first: 100, ${pgCondition}orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { ${total}edges { node {
          id: rowId ${RESPONSE_FIELDS}
          participant: participantByParticipantId { id: rowId code ageBand }
          session: sessionBySessionId { id: rowId title }
          codings: codingsByResponseId(orderBy: [CREATED_AT_ASC, ROW_ID_ASC]) { nodes { id: rowId theme: themeByThemeId { id: rowId name } } }
        } } }
      }`,
      variables: bySession ? { sessionId: ids.sessionId } : {},
    },
  };
}

/** The queries of issue 7's table, in its order. */
export function benchQueries(ids: BenchIds): BenchQuery[] {
  return [
    {
      name: 'session(id)',
      caller: 'staff',
      chorus: {
        query: `query Session($id: ID!) { session(id: $id) { id ${SESSION_FIELDS} } }`,
        variables: { id: ids.sessionId },
      },
      baseline: `/session?id=${ids.sessionId}`,
      postgraphile: {
        query: `query Session($id: UUID!) { session: sessionByRowId(rowId: $id) { id: rowId ${SESSION_FIELDS} } }`,
        variables: { id: ids.sessionId },
      },
    },
    {
      name: 'sessions(first: 50) + counts',
      caller: 'staff',
      chorus: {
        query: `{ sessions(first: 50) { totalCount edges { node { id ${SESSION_FIELDS}
          organisation { id name } area { id name } responseCount participantCount } } } }`,
      },
      baseline: '/sessions',
      postgraphile: {
        query: `query Sessions($engagementId: UUID!) {
          sessions: allSessions(first: 50, condition: { engagementId: $engagementId }, orderBy: [STARTS_AT_DESC, ROW_ID_DESC]) {
            totalCount edges { node { id: rowId ${SESSION_FIELDS}
              organisation: organisationByOrganisationId { id: rowId name } area: areaByAreaId { id: rowId name }
              responseCount participantCount } } } }`,
        variables: { engagementId: ids.engagementId },
      },
    },
    responsesQuery('responses(first: 100, sessionId) + nested', true, true, ids),
    responsesQuery('responses(first: 100) whole, totalCount', true, false, ids),
    responsesQuery('responses(first: 100) whole, no totalCount', false, false, ids),
    {
      name: 'themeSummary whole engagement',
      caller: 'council',
      chorus: {
        query: `{ themeSummary { threshold totalResponses totalParticipants
          themes { theme { id name } responses participants suppressed } } }`,
      },
      baseline: '/theme-summary',
      postgraphile: {
        query: `query ThemeSummary($engagementId: UUID!) {
          totals: allThemeSummaryTotals(condition: { engagementId: $engagementId }) { nodes { threshold totalResponses totalParticipants } }
          themes: allThemeSummaryCounts(condition: { engagementId: $engagementId }, orderBy: [NAME_ASC, THEME_ID_ASC]) {
            nodes { themeId name responses participants suppressed } } }`,
        variables: { engagementId: ids.engagementId },
      },
      fromPostgraphile: (data) => {
        const totals = data.totals as Record<string, unknown>[];
        const themes = data.themes as { themeId: string; name: string }[];
        return {
          themeSummary: {
            ...totals[0],
            themes: themes.map(({ themeId, name, ...counts }) => ({ theme: { id: themeId, name }, ...counts })),
          },
        };
      },
    },
  ];
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * An answer in a form the three servers agree on when they return the same rows: connections'
 * `{ nodes }` as plain lists, timestamps as ISO strings in UTC to the millisecond.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === 'nodes') return canonical(entries[0]![1]);
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  if (typeof value === 'string' && ISO_DATE.test(value)) return new Date(value).toISOString();
  return value;
}

/** The first path where two canonical answers differ, or null when they are the same. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const inner = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (inner) return inner;
    }
    return null;
  }
  return `${path || '.'}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
}
