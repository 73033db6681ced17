import { useMutation } from '@apollo/client/react';
import type { ConsentInput } from '../gql/graphql';
import { ParticipantDetailQuery, RecordConsentMutation } from './participants.graphql';

/** Records a later consent decision (e.g. QUOTE agreed after the session); resolves once the ledger shows it. */
export function useRecordConsent() {
  const [mutate, state] = useMutation(RecordConsentMutation, {
    refetchQueries: [ParticipantDetailQuery],
    awaitRefetchQueries: true,
  });
  const record = async (participantId: string, consent: ConsentInput) => {
    const { data } = await mutate({ variables: { participantId, consent } });
    return data?.recordConsent;
  };
  return [record, state] as const;
}
