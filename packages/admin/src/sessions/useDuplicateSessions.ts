import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import type { DuplicateSessionsQueryVariables } from '../gql/graphql';
import { DuplicateSessionsQuery } from './sessions.graphql';

/** Asks the server, afresh each time, for sessions with the same title, start and area as the one given. */
export function useDuplicateSessions() {
  const client = useApolloClient();
  return useCallback(
    async (variables: DuplicateSessionsQueryVariables) => {
      const { data, error } = await client.query({
        query: DuplicateSessionsQuery,
        variables,
        fetchPolicy: 'network-only',
      });
      // The form says the check failed and lets the planner try again; what went wrong is not theirs to fix.
      if (error || !data) throw new Error('The check for look-alike sessions did not answer');
      return data.duplicateSessions;
    },
    [client],
  );
}
