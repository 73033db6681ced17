import { Button, Table, VisuallyHidden } from '@mantine/core';
import { LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const OrganisationRowFragment = graphql(`
  fragment OrganisationRow on Organisation {
    id
    name
    sector
  }
`);

export function OrganisationsTable({
  organisations,
  onEdit,
}: {
  organisations: FragmentType<typeof OrganisationRowFragment>[];
  /** Opens the organisation at this index of `organisations` for editing. */
  onEdit: (index: number) => void;
}) {
  const rows = getFragmentData(OrganisationRowFragment, organisations);
  return (
    <Table striped>
      <Table.Caption>Partner organisations, by name</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Sector</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((organisation, index) => (
          <Table.Tr key={organisation.id}>
            <Table.Th scope="row" fw={500}>
              {organisation.name}
            </Table.Th>
            <Table.Td>{LABELS.sector[organisation.sector]}</Table.Td>
            <Table.Td>
              <Button
                variant="default"
                size="xs"
                onClick={() => onEdit(index)}
                aria-label={`Edit ${organisation.name}`}
              >
                Edit
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
