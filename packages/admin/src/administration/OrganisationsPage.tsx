import { useQuery } from '@apollo/client/react';
import { Paper, Stack, Title } from '@mantine/core';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { OrganisationsListQuery } from './administration.graphql';
import { CreateOrganisationForm } from './CreateOrganisationForm';
import { OrganisationsTable } from './OrganisationsTable';

const PAGE_SIZE = 25;

export default function OrganisationsPage() {
  const pages = usePages('organisations');
  const { data, loading, error, refetch } = useQuery(OrganisationsListQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const organisations = data?.organisations;
  return (
    <>
      <PageTitle title="Organisations">Organisations</PageTitle>
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="add-organisation-heading">
          <Title order={2} size="h3" id="add-organisation-heading" mb="sm">
            Add an organisation
          </Title>
          <CreateOrganisationForm />
        </Paper>
        <section aria-labelledby="organisations-heading">
          <Title order={2} size="h3" id="organisations-heading" mb="sm">
            Partner organisations
          </Title>
          <QueryState
            loading={loading && !organisations}
            error={error}
            onRetry={() => refetch()}
            empty={organisations?.totalCount === 0}
            emptyTitle="No organisations yet"
            emptyText="Add the charities, faith groups, schools and employers that run sessions."
          >
            {organisations && (
              <>
                <OrganisationsTable organisations={organisations.edges.map((edge) => edge.node)} />
                <Pager connection={organisations} pages={pages} pageSize={PAGE_SIZE} label="Organisation pages" />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
