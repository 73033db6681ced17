import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { PublishReleaseMutation, ReleaseHistoryQuery, ReleaseTablesQuery } from './releases.graphql';

/** Publishes a release of every table; the history and the preview are read again. */
export function usePublishRelease() {
  const [mutate, state] = useMutation(PublishReleaseMutation, {
    refetchQueries: [ReleaseHistoryQuery, ReleaseTablesQuery],
    awaitRefetchQueries: true,
  });
  const publish = useCallback(async () => (await mutate()).data?.publishRelease, [mutate]);
  return [publish, state] as const;
}
