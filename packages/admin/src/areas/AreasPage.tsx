import { useQuery } from '@apollo/client/react';
import { Button, Modal, Paper, Stack, Table, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { getFragmentData } from '../gql';
import { AreaFieldsFragment, AreasListQuery } from './areas.graphql';
import { AreaForm } from './AreaForm';

const count = new Intl.NumberFormat('en-GB');

export default function AreasPage() {
  const { data, loading, error, refetch } = useQuery(AreasListQuery);
  const refs = data?.areas ?? [];
  const areas = getFragmentData(AreaFieldsFragment, refs);
  const [editing, setEditing] = useState<number | null>(null);
  const edited = editing === null ? undefined : areas[editing];
  return (
    <>
      <PageTitle title="Areas">Areas</PageTitle>
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="add-area-heading">
          <Title order={2} size="h3" id="add-area-heading" mb="sm">
            Add an area
          </Title>
          <AreaForm />
        </Paper>
        <section aria-labelledby="areas-heading">
          <Title order={2} size="h3" id="areas-heading" mb="sm">
            Wards and neighbourhoods
          </Title>
          <QueryState
            loading={loading && !data}
            error={error}
            onRetry={() => refetch()}
            empty={data?.areas.length === 0}
            emptyTitle="No areas yet"
            emptyText="Add the city's wards, with their ONS codes, so council systems can join the figures."
          >
            <Table striped>
              <Table.Caption>Areas by name</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">ONS code</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Population
                  </Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {areas.map((area, index) => (
                  <Table.Tr key={area.id}>
                    <Table.Th scope="row" fw={500}>
                      {area.name}
                    </Table.Th>
                    <Table.Td>{LABELS.areaKind[area.kind]}</Table.Td>
                    <Table.Td>{area.code ?? '—'}</Table.Td>
                    <Table.Td ta="right">{area.population === null ? '—' : count.format(area.population)}</Table.Td>
                    <Table.Td>
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => setEditing(index)}
                        aria-label={`Edit ${area.name}`}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </QueryState>
        </section>
      </Stack>
      <Modal
        opened={edited !== undefined}
        onClose={() => setEditing(null)}
        title={edited ? `Edit ${edited.name}` : ''}
        closeButtonProps={{ 'aria-label': 'Close without saving' }}
      >
        {editing !== null && refs[editing] && <AreaForm area={refs[editing]} onSaved={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
