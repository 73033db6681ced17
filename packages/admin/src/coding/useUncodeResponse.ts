import { useMutation } from '@apollo/client/react';
import { UncodeResponseMutation } from './coding.graphql';

/**
 * Removes a coding of `responseId`. The coding leaves the cache; the response's themes are
 * dropped from it too, so views showing them read them again (the theme may still be coded
 * through another excerpt).
 */
export function useUncodeResponse(responseId: string) {
  return useMutation(UncodeResponseMutation, {
    update(cache, { data }) {
      if (!data) return;
      cache.evict({ id: cache.identify({ __typename: 'Coding', id: data.uncodeResponse }) });
      cache.evict({ id: cache.identify({ __typename: 'Response', id: responseId }), fieldName: 'themes' });
      cache.gc();
    },
  });
}
