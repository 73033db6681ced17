import { Table } from '@mantine/core';
import { formatDate, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const UserRowFragment = graphql(`
  fragment UserRow on User {
    id
    displayName
    email
    role
    createdAt
    disabledAt
    organisation {
      id
      name
    }
  }
`);

export function UsersTable({ users }: { users: FragmentType<typeof UserRowFragment>[] }) {
  const rows = getFragmentData(UserRowFragment, users);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Caption>Everyone who signs in to Chorus, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Organisation</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Th scope="row" fw={500}>
                {user.displayName}
              </Table.Th>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{LABELS.role[user.role]}</Table.Td>
              <Table.Td>{user.organisation?.name ?? '—'}</Table.Td>
              <Table.Td>{formatDate(user.createdAt)}</Table.Td>
              <Table.Td>{user.disabledAt ? `Disabled ${formatDate(user.disabledAt)}` : 'Active'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
