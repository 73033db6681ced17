import { Button, Table, VisuallyHidden } from '@mantine/core';
import { formatDate, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { UserAccessChange } from './UserAccessModal';

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

interface UsersTableProps {
  users: FragmentType<typeof UserRowFragment>[];
  /** The signed-in admin, who cannot disable themselves. */
  currentUserId: string | undefined;
  onChangeAccess: (change: UserAccessChange) => void;
}

export function UsersTable({ users, currentUserId, onChangeAccess }: UsersTableProps) {
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
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
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
              <Table.Td>
                {user.id !== currentUserId && (
                  <Button
                    size="xs"
                    variant="outline"
                    // The darkest red: outline text on a striped row needs it for AA contrast.
                    color={user.disabledAt ? undefined : 'red.9'}
                    onClick={() =>
                      onChangeAccess({ id: user.id, displayName: user.displayName, disable: !user.disabledAt })
                    }
                    aria-label={`${user.disabledAt ? 'Re-enable' : 'Disable'}: ${user.displayName}`}
                  >
                    {user.disabledAt ? 'Re-enable' : 'Disable'}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
