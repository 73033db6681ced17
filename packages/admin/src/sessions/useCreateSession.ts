import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import type { CreateSessionInput } from '../gql/graphql';
import { CreateSessionMutation } from './sessions.graphql';

/** Lists and figures that count sessions are read afresh after one is planned or changed. */
export function forgetSessionLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'sessions' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'overview' });
}

/** Plans a session; resolves to the new session's id and title. */
export function useCreateSession() {
  const [mutate, state] = useMutation(CreateSessionMutation, { update: forgetSessionLists });
  const createSession = async (input: CreateSessionInput) => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('The session was not planned');
    return data.createSession;
  };
  return [createSession, state] as const;
}
