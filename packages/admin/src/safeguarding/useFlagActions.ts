import { useMutation } from '@apollo/client/react';
import { CloseSafeguardingFlagMutation, RecordSafeguardingActionMutation } from './safeguarding.graphql';

/** Records what was done about a flag; the flag's cached actions take the new list. */
export function useRecordSafeguardingAction() {
  const [mutate, state] = useMutation(RecordSafeguardingActionMutation);
  const record = async (flagId: string, action: string) => (await mutate({ variables: { flagId, action } })).data;
  return [record, state] as const;
}

/** Closes a flag; the open queue is read again so it leaves the list. */
export function useCloseSafeguardingFlag() {
  const [mutate, state] = useMutation(CloseSafeguardingFlagMutation, { refetchQueries: ['SafeguardingQueue'] });
  const close = async (flagId: string, action: string | null) => (await mutate({ variables: { flagId, action } })).data;
  return [close, state] as const;
}
