import { useMutation } from '@apollo/client/react';
import { useRetryKey } from '../common/useRetryKey';
import { getFragmentData } from '../gql';
import type { RegisterParticipantInput } from '../gql/graphql';
import { CaptureQuery, captureVariables, RegisterParticipantMutation } from './capture.graphql';
import { CaptureSpeakerFragment } from './ResponsesForm';

/**
 * Registers a participant at a session with their consent decisions. Each attempt carries an
 * idempotency key, kept while the same details are retried until the server confirms, so a lost
 * answer never registers the person twice. The new person joins the
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
      cache.updateQuery({ query: CaptureQuery, variables: captureVariables(sessionId) }, (current) => {
        const listed = current?.participants.edges.some(
          (e) => getFragmentData(CaptureSpeakerFragment, e.node).id === participant.id,
        );
        return current
          ? {
              ...current,
              participants: {
                ...current.participants,
                // A retry answered with the first registration is already listed.
                totalCount: current.participants.totalCount + (listed ? 0 : 1),
                edges: listed ? current.participants.edges : [edge, ...current.participants.edges],
              },
            }
          : current;
      });
    },
  });
  const retryKey = useRetryKey();
  const register = async (input: Omit<RegisterParticipantInput, 'idempotencyKey'>) => {
    const { data } = await mutate({ variables: { input: { ...input, idempotencyKey: retryKey.keyFor(input) } } });
    if (!data) throw new Error('registerParticipant answered without data');
    retryKey.confirmed();
    return data.registerParticipant;
  };
  return [register, state] as const;
}
