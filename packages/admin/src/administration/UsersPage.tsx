import { useQuery } from '@apollo/client/react';
import { Paper, Stack, Title } from '@mantine/core';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { UsersListQuery } from './administration.graphql';
import { CreateUserForm } from './CreateUserForm';
import { UsersTable } from './UsersTable';

const PAGE_SIZE = 25;

export default function UsersPage() {
  const pages = usePages('users');
  const { data, loading, error, refetch } = useQuery(UsersListQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const users = data?.users;
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
          <QueryState
            loading={loading && !users}
            error={error}
            onRetry={() => refetch()}
            empty={users?.totalCount === 0}
            emptyTitle="No users yet"
          >
            {users && (
              <>
                <UsersTable users={users.edges.map((edge) => edge.node)} />
                <Pager connection={users} pages={pages} pageSize={PAGE_SIZE} />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
