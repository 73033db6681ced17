import { useMutation } from '@apollo/client/react';
import type { CreateApiKeyInput } from '../gql/graphql';
import { ApiKeysListQuery, CreateApiKeyMutation } from './administration.graphql';

/** Creates an API key. The secret is returned once, for the caller to show and then let go. */
export function useCreateApiKey() {
  const [mutate, state] = useMutation(CreateApiKeyMutation, {
    // The secret never enters the cache, where it would outlive the panel that shows it.
    fetchPolicy: 'no-cache',
    refetchQueries: [ApiKeysListQuery],
    awaitRefetchQueries: true,
  });
  const create = async (input: CreateApiKeyInput) => {
    const { data } = await mutate({ variables: { input } });
    return data?.createApiKey;
  };
  return [create, state] as const;
}
