import { useQuery } from '@apollo/client/react';
import { Modal, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { OrganisationsListQuery } from './administration.graphql';
import { getFragmentData } from '../gql';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationRowFragment, OrganisationsTable } from './OrganisationsTable';

const PAGE_SIZE = 25;

export default function OrganisationsPage() {
  const pages = usePages('organisations');
  const { data, loading, error, refetch } = useQuery(OrganisationsListQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const organisations = data?.organisations;
  const refs = organisations?.edges.map((edge) => edge.node) ?? [];
  const [editing, setEditing] = useState<number | null>(null);
  const edited =
    editing === null || !refs[editing] ? undefined : getFragmentData(OrganisationRowFragment, refs[editing]);
  return (
    <>
      <PageTitle title="Organisations">Organisations</PageTitle>
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="add-organisation-heading">
          <Title order={2} size="h3" id="add-organisation-heading" mb="sm">
            Add an organisation
          </Title>
          <OrganisationForm />
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
                <OrganisationsTable organisations={refs} onEdit={setEditing} />
                <Pager connection={organisations} pages={pages} pageSize={PAGE_SIZE} label="Organisation pages" />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
      <Modal
        opened={edited !== undefined}
        onClose={() => setEditing(null)}
        title={edited ? `Edit ${edited.name}` : ''}
        closeButtonProps={{ 'aria-label': 'Close without saving' }}
      >
        {editing !== null && refs[editing] && (
          <OrganisationForm organisation={refs[editing]} onSaved={() => setEditing(null)} />
        )}
      </Modal>
    </>
  );
}
