import { useQuery } from '@apollo/client/react';
import { Paper, Text } from '@mantine/core';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { TypeUpQuery } from './paperForms.graphql';
import { TypeUpForm } from './TypeUpForm';

/** Typing up printed paper forms, one after another, by the code on each sheet. */
export default function TypeUpPage() {
  const { data, loading, error, refetch } = useQuery(TypeUpQuery);
  return (
    <>
      <PageTitle title="Type up paper forms">Type up paper forms</PageTitle>
      <Text size="sm" mb="md">
        Each printed form has its own code. Type it (or scan the QR code), then what the person wrote and ticked.
      </Text>
      <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
        {data && (
          <Paper withBorder p="md" maw={760}>
            <TypeUpForm areas={data.areas} />
          </Paper>
        )}
      </QueryState>
    </>
  );
}
