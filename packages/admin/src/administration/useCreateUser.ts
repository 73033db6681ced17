import { useMutation } from '@apollo/client/react';
import type { CreateUserInput } from '../gql/graphql';
import { CreateUserMutation, UsersListQuery } from './administration.graphql';

/** Creates a staff or partner user; the list (newest first) is read again to show them at the top. */
export function useCreateUser() {
  const [mutate, state] = useMutation(CreateUserMutation, {
    refetchQueries: [UsersListQuery],
    awaitRefetchQueries: true,
  });
  const create = async (input: CreateUserInput) => {
    const { data } = await mutate({ variables: { input } });
    return data?.createUser;
  };
  return [create, state] as const;
}
