import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Button, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { SessionFilters } from './SessionFilters';
import { SessionsFilterChoicesQuery, SessionsQuery } from './sessions.graphql';
import { SessionsTable } from './SessionsTable';
import { useSessionFilters } from './useSessionFilters';

const PAGE_SIZE = 25;

export default function SessionsPage() {
  const { can, ownOrganisationOnly } = useSession();
  const filters = useSessionFilters();
  const pages = usePages(filters.key);
  // Partners' sessions are all their own organisation's: an organisation filter would be noise.
  const withOrganisation = !ownOrganisationOnly;
  const choices = useQuery(SessionsFilterChoicesQuery, { variables: { withOrganisations: withOrganisation } });
  const { data, previousData, loading, error, refetch } = useQuery(SessionsQuery, {
    variables: { filter: filters.filter, first: PAGE_SIZE, after: pages.after },
  });
  // The last page stays in view while the next loads, so the pager keeps keyboard focus.
  const sessions = (data ?? previousData)?.sessions;
  const planAction = can(Permission.SessionPlan) && (
    <Button component={Link} to="/sessions/new">
      Plan a session
    </Button>
  );

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle title="Sessions">Sessions</PageTitle>
        {planAction}
      </Group>
      <SessionFilters
        values={filters.values}
        choices={choices.data}
        withOrganisation={withOrganisation}
        active={filters.active}
        onChange={filters.update}
        onClear={filters.clear}
      />
      <QueryState
        loading={loading && !sessions}
        error={error}
        onRetry={() => refetch()}
        empty={sessions?.totalCount === 0}
        emptyTitle={filters.active ? 'No sessions match these filters' : 'No sessions yet'}
        emptyText={
          filters.active ? (
            'Try fewer filters, or clear them to see every session.'
          ) : can(Permission.SessionPlan) ? (
            <>
              Sessions appear here once they are planned.{' '}
              <Button component={Link} to="/sessions/new" variant="light" size="xs" ml="xs">
                Plan a session
              </Button>
            </>
          ) : (
            'Sessions appear here once a coordinator plans them.'
          )
        }
      >
        {sessions && (
          <div aria-busy={loading}>
            <SessionsTable sessions={sessions.edges.map((edge) => edge.node)} />
            <Pager connection={sessions} pages={pages} pageSize={PAGE_SIZE} label="Session pages" />
          </div>
        )}
      </QueryState>
    </>
  );
}
