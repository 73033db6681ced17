import { useQuery } from '@apollo/client/react';
import { Alert, Blockquote, Code, Stack, Text, Title } from '@mantine/core';
import { QueryState } from '../common/QueryState';
import { ReleaseQuotesQuery } from './quotes.graphql';

/**
 * The quotes a release still publishes, as its quotes export sends them: read live, so a quote
 * withdrawn since the release was built is gone, and the release says one was.
 */
export function ReleaseQuotes({ version }: { version: number }) {
  const { data, loading, error, refetch } = useQuery(ReleaseQuotesQuery, {
    variables: { version },
    fetchPolicy: 'cache-and-network',
  });
  const release = data?.release;
  return (
    <Stack mt="xl" component="section" aria-labelledby="release-quotes-heading">
      <Title order={2} size="h3" id="release-quotes-heading">
        Quotes in release {version}
      </Title>
      <Text size="sm">
        Staff export them at <Code>/exports/releases/{version}/quotes.csv</Code>; council keys never receive quotes.
      </Text>
      <QueryState
        loading={loading && !release}
        error={error}
        onRetry={() => refetch()}
        empty={release?.quotes.totalCount === 0 && release.removedQuoteCount === 0}
        emptyTitle="No quotes"
        emptyText="No quote was approved when this release was published."
      >
        {release && (
          <>
            {release.removedQuoteCount > 0 && (
              <Alert color="red" role="status" title="Contains a withdrawn quote">
                {release.removedQuoteCount === 1 ? 'One quote has' : `${release.removedQuoteCount} quotes have`} been
                withdrawn since this release was published. They are no longer exported; a report made from it earlier
                must be corrected.
              </Alert>
            )}
            {release.quotes.edges.map(({ node }) => (
              <Blockquote key={node.id} p="sm" cite={`— ${node.attribution}`}>
                {node.publishedText}
              </Blockquote>
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
