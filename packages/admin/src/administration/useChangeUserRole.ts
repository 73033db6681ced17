import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { ChangeUserRoleInput } from '../gql/graphql';
import { ChangeUserRoleMutation } from './administration.graphql';

/** Gives a user another role; the cached user takes the server's answer, so the list shows it. */
export function useChangeUserRole() {
  const [mutate, state] = useMutation(ChangeUserRoleMutation);
  const run = useCallback(
    async (input: ChangeUserRoleInput) => {
      await mutate({ variables: { input } });
    },
    [mutate],
  );
  return [run, state] as const;
}
