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
import { CreateUserForm } from './CreateUserForm';
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
  const [changed, setChanged] = useState<UserAccessChange | null>(null);
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
          {changed && (
            <Box mb="sm">
              <SuccessNotice
                message={
                  changed.disable
                    ? `${changed.displayName} is disabled and signed out everywhere.`
                    : `${changed.displayName} may sign in again.`
                }
              />
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
                    setChanged(null);
                    setChanging(change);
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
          setChanged(change);
        }}
      />
    </>
  );
}
