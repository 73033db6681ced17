import { useQuery } from '@apollo/client/react';
import { Box, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { UsersListQuery } from './administration.graphql';
import { ChangeRoleModal, type RoleChange } from './ChangeRoleModal';
import { CreateUserForm } from './CreateUserForm';
import { ResetPasswordModal, type PasswordResetTarget } from './ResetPasswordModal';
import { UserAccessModal, type UserAccessChange } from './UserAccessModal';
import { UsersTable } from './UsersTable';

const PAGE_SIZE = 25;

export default function UsersPage() {
  const pages = usePages('users');
  const { data, loading, error, refetch } = useQuery(UsersListQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const users = data?.users;
  const { user: me } = useSession();
  const [changing, setChanging] = useState<UserAccessChange | null>(null);
  const [changingRole, setChangingRole] = useState<RoleChange | null>(null);
  const [resetting, setResetting] = useState<PasswordResetTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageTitle title="Users">Users</PageTitle>
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="add-user-heading">
          <Title order={2} size="h3" id="add-user-heading" mb="sm">
            Add a user
          </Title>
          <CreateUserForm />
        </Paper>
        <section aria-labelledby="users-heading">
          <Title order={2} size="h3" id="users-heading" mb="sm">
            Staff and partner users
          </Title>
          {notice && (
            <Box mb="sm">
              <SuccessNotice message={notice} />
            </Box>
          )}
          <QueryState
            loading={loading && !users}
            error={error}
            onRetry={() => refetch()}
            empty={users?.totalCount === 0}
            emptyTitle="No users yet"
          >
            {users && (
              <>
                <UsersTable
                  users={users.edges.map((edge) => edge.node)}
                  currentUserId={me?.id}
                  onChangeAccess={(change) => {
                    setNotice(null);
                    setChanging(change);
                  }}
                  onChangeRole={(user) => {
                    setNotice(null);
                    setChangingRole(user);
                  }}
                  onResetPassword={(user) => {
                    setNotice(null);
                    setResetting(user);
                  }}
                />
                <Pager connection={users} pages={pages} pageSize={PAGE_SIZE} label="User pages" />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
      <UserAccessModal
        change={changing}
        onClose={() => setChanging(null)}
        onDone={(change) => {
          setChanging(null);
          setNotice(
            change.disable
              ? `${change.displayName} is disabled and signed out everywhere.`
              : `${change.displayName} may sign in again.`,
          );
        }}
      />
      <ChangeRoleModal
        user={changingRole}
        onClose={() => setChangingRole(null)}
        onDone={(message) => {
          setChangingRole(null);
          setNotice(message);
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
