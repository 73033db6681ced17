import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { DisableUserMutation, EnableUserMutation } from './administration.graphql';

/**
 * Disables a user (every session of theirs ends at once) or re-enables one; the cached user takes
 * the server's answer, so every list shows the new status.
 */
export function useSetUserDisabled() {
  const [disable, disabling] = useMutation(DisableUserMutation);
  const [enable, enabling] = useMutation(EnableUserMutation);
  const run = useCallback(
    async (id: string, disabled: boolean) => {
      if (disabled) await disable({ variables: { id } });
      else await enable({ variables: { id } });
    },
    [disable, enable],
  );
  const reset = useCallback(() => {
    disabling.reset();
    enabling.reset();
  }, [disabling, enabling]);
  return [
    run,
    { loading: disabling.loading || enabling.loading, error: disabling.error ?? enabling.error, reset },
  ] as const;
}
