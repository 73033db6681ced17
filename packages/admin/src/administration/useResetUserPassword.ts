import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ResetUserPasswordMutation } from './administration.graphql';

/** Resets a user's password; resolves to the temporary one, which the server shows only this once. */
export function useResetUserPassword() {
  const [mutate, state] = useMutation(ResetUserPasswordMutation);
  const run = useCallback(
    async (id: string) => {
      const { data } = await mutate({ variables: { id } });
      return data?.resetUserPassword.temporaryPassword ?? null;
    },
    [mutate],
  );
  return [run, state] as const;
}
