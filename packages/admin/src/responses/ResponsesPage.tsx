import { useQuery } from '@apollo/client/react';
import { Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { ResponseCard } from './ResponseCard';
import { ResponseFilters } from './ResponseFilters';
import { ResponsesQuery } from './responses.graphql';
import { filterFromParams, searchedWords } from './responseFilters';

const PAGE_SIZE = 25;

export default function ResponsesPage() {
  const [params] = useSearchParams();
  const filter = filterFromParams(params);
  const filtered = Object.keys(filter).length > 0;
  const pages = usePages(JSON.stringify(filter));
  const { data, previousData, loading, error, refetch } = useQuery(ResponsesQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  });
  // While the next page or filter loads, the last answer stays in view rather than flashing empty.
  const responses = (data ?? previousData)?.responses;
  const searched = searchedWords(filter.search);

  return (
    <>
      <PageTitle title="Responses">Responses</PageTitle>
      <ResponseFilters />
      <QueryState
        loading={loading && !responses}
        error={error}
        onRetry={() => refetch()}
        empty={responses?.totalCount === 0}
        emptyTitle={filtered ? 'No responses match' : 'No responses yet'}
        emptyText={
          filtered
            ? 'Try other words, or clear some filters.'
            : 'Responses appear here once they are recorded at a session.'
        }
      >
        {responses && (
          <>
            <Stack
              component="ul"
              gap="sm"
              p={0}
              m={0}
              aria-label="Responses found"
              aria-busy={loading}
              style={{ listStyle: 'none', opacity: loading ? 0.6 : 1 }}
            >
              {responses.edges.map(({ node }) => (
                <li key={node.id}>
                  <ResponseCard response={node} searched={searched} />
                </li>
              ))}
            </Stack>
            <Pager connection={responses} pages={pages} pageSize={PAGE_SIZE} label="Response pages" />
          </>
        )}
      </QueryState>
    </>
  );
}
