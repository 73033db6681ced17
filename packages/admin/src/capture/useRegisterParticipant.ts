import { useMutation } from '@apollo/client/react';
import type { RegisterParticipantInput } from '../gql/graphql';
import { CaptureQuery, captureVariables, RegisterParticipantMutation } from './capture.graphql';

/**
 * Registers a participant at a session with their consent decisions. The new person joins the
 * session's speakers in the cache at once, so they can be chosen straight away; the session's
 * counts are read again in the background (a failure there must not look like a failed registration).
 */
export function useRegisterParticipant(sessionId: string) {
  const [mutate, state] = useMutation(RegisterParticipantMutation, {
    refetchQueries: [CaptureQuery],
    update(cache, { data }) {
      const participant = data?.registerParticipant;
      if (!participant) return;
      const edge = { __typename: 'ParticipantEdge' as const, node: participant };
      cache.updateQuery({ query: CaptureQuery, variables: captureVariables(sessionId) }, (current) =>
        current
          ? {
              ...current,
              participants: {
                ...current.participants,
                totalCount: current.participants.totalCount + 1,
                edges: [edge, ...current.participants.edges],
              },
            }
          : current,
      );
    },
  });
  const register = async (input: RegisterParticipantInput) => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('registerParticipant answered without data');
    return data.registerParticipant;
  };
  return [register, state] as const;
}
