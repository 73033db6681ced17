import { Button, Group, Table, VisuallyHidden } from '@mantine/core';
import { formatDate, formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { RoleChange } from './ChangeRoleModal';
import type { PasswordResetTarget } from './ResetPasswordModal';
import type { UserAccessChange } from './UserAccessModal';

export const UserRowFragment = graphql(`
  fragment UserRow on User {
    id
    displayName
    email
    role
    createdAt
    disabledAt
    lastSignedInAt
    mustChangePassword
    organisation {
      id
      name
    }
  }
`);

interface UsersTableProps {
  users: FragmentType<typeof UserRowFragment>[];
  /** The signed-in admin, who does not change their own role, password or access here. */
  currentUserId: string | undefined;
  onChangeAccess: (change: UserAccessChange) => void;
  onChangeRole: (user: RoleChange) => void;
  onResetPassword: (user: PasswordResetTarget) => void;
}

function status(user: { disabledAt?: string | null; mustChangePassword: boolean }): string {
  if (user.disabledAt) return `Disabled ${formatDate(user.disabledAt)}`;
  return user.mustChangePassword ? 'Active; password reset, must choose a new one' : 'Active';
}

export function UsersTable({ users, currentUserId, onChangeAccess, onChangeRole, onResetPassword }: UsersTableProps) {
  const rows = getFragmentData(UserRowFragment, users);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped>
        <Table.Caption>Everyone who signs in to Chorus, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Organisation</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Last sign-in</Table.Th>
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
              <Table.Td>{user.lastSignedInAt ? formatDateTime(user.lastSignedInAt) : 'Never'}</Table.Td>
              <Table.Td>{status(user)}</Table.Td>
              <Table.Td>
                {/* Your own role, password and access are changed by another admin. */}
                {user.id !== currentUserId && (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="outline"
                      onClick={() =>
                        onChangeRole({
                          id: user.id,
                          displayName: user.displayName,
                          role: user.role,
                          organisationId: user.organisation?.id ?? null,
                        })
                      }
                      aria-label={`Change role: ${user.displayName}`}
                    >
                      Change role
                    </Button>
                    <Button
                      size="xs"
                      variant="outline"
                      onClick={() => onResetPassword({ id: user.id, displayName: user.displayName })}
                      aria-label={`Reset password: ${user.displayName}`}
                    >
                      Reset password
                    </Button>
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
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
