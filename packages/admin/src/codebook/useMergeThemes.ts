import { useMutation } from '@apollo/client/react';
import { CodebookQuery, MergeThemesMutation } from './codebook.graphql';

/**
 * Merges one theme into another. The source is deleted, so it leaves the cache (and every
 * cached list of themes); the codebook is read again for the target's new children and count.
 */
export function useMergeThemes() {
  return useMutation(MergeThemesMutation, {
    refetchQueries: [CodebookQuery],
    awaitRefetchQueries: true,
    update(cache, _result, { variables }) {
      if (!variables) return;
      cache.evict({ id: cache.identify({ __typename: 'Theme', id: variables.sourceId }) });
      cache.gc();
    },
  });
}
