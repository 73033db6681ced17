import { useQuery } from '@apollo/client/react';
import { Anchor, NativeSelect, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { getFragmentData } from '../gql';
import type { QuoteStatus } from '../gql/graphql';
import { QuoteListItemFragment, QuotesListQuery } from './quotes.graphql';
import { quotePath, STATUS_LABELS } from './quoteSteps';
import { QuoteStatusBadge } from './QuoteStatusBadge';

const PAGE_SIZE = 25;

const STATUS_OPTIONS = [
  { value: '', label: 'Every step' },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

const isStatus = (value: string | null): value is QuoteStatus => Boolean(value && value in STATUS_LABELS);

export default function QuotesPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : null;
  const pages = usePages(status ?? '');
  const { data, loading, error, refetch } = useQuery(QuotesListQuery, {
    variables: { status, first: PAGE_SIZE, after: pages.after },
  });
  const quotes = data?.quotes;
  const rows = getFragmentData(QuoteListItemFragment, quotes?.edges.map((edge) => edge.node) ?? []);

  return (
    <>
      <PageTitle title="Quotes">Quote register</PageTitle>
      <Text mb="md" maw={760}>
        A quote is published only while its speaker&rsquo;s quote consent stands, as an edited copy attributed by a
        description, and once a coordinator approves it. Mark a candidate on the coding screen with <kbd>q</kbd>.
      </Text>
      <NativeSelect
        label="Step"
        data={STATUS_OPTIONS}
        value={status ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setParams(value ? { status: value } : {});
        }}
        maw={260}
        mb="md"
      />
      <QueryState
        loading={loading && !quotes}
        error={error}
        onRetry={() => refetch()}
        empty={quotes?.totalCount === 0}
        emptyTitle={status ? `No quotes are ${STATUS_LABELS[status].toLowerCase()}` : 'No quotes yet'}
        emptyText="Select a passage on the coding screen and press q to mark it as a candidate."
      >
        {quotes && (
          <>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <Table.Caption>Quotes, newest first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Quote</Table.Th>
                    <Table.Th scope="col">Step</Table.Th>
                    <Table.Th scope="col">Attributed as</Table.Th>
                    <Table.Th scope="col">Marked</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((quote) => (
                    <Table.Tr key={quote.id}>
                      <Table.Th scope="row" fw={400} maw={480}>
                        <Anchor component={Link} to={quotePath(quote.id)} inherit lineClamp={3}>
                          &ldquo;{quote.publishedText ?? quote.excerpt}&rdquo;
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        <QuoteStatusBadge status={quote.status} />
                      </Table.Td>
                      <Table.Td>{quote.attribution ?? 'Not yet described'}</Table.Td>
                      <Table.Td>{formatDate(quote.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager connection={quotes} pages={pages} pageSize={PAGE_SIZE} label="Quote pages" />
          </>
        )}
      </QueryState>
    </>
  );
}
