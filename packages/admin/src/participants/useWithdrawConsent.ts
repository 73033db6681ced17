import { useMutation } from '@apollo/client/react';
import { ConsentPurpose } from '@chorus/shared';
import { ParticipantDetailQuery, ParticipantResponsesQuery, WithdrawConsentMutation } from './participants.graphql';

/**
 * Withdraws a standing consent: a new ledger entry. Withdrawing PARTICIPATION deletes the person's
 * responses and demographics at once, so their responses are read again too. Resolves once the
 * page shows the new state.
 */
export function useWithdrawConsent() {
  const [mutate, state] = useMutation(WithdrawConsentMutation);
  const withdraw = async (participantId: string, purpose: ConsentPurpose) => {
    const { data } = await mutate({
      variables: { participantId, purpose },
      refetchQueries:
        purpose === ConsentPurpose.PARTICIPATION
          ? [ParticipantDetailQuery, ParticipantResponsesQuery]
          : [ParticipantDetailQuery],
      awaitRefetchQueries: true,
    });
    return data?.withdrawConsent;
  };
  return [withdraw, state] as const;
}
