import { useMutation } from '@apollo/client/react';
import { RevokeApiKeyMutation } from './administration.graphql';

/** Revokes a key at once; the cached key takes its revocation time, so every list shows it revoked. */
export function useRevokeApiKey() {
  const [mutate, state] = useMutation(RevokeApiKeyMutation);
  const revoke = async (id: string) => {
    const { data } = await mutate({ variables: { id } });
    return data?.revokeApiKey;
  };
  return [revoke, state] as const;
}
