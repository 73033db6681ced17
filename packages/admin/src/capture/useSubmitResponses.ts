import { useMutation } from '@apollo/client/react';
import type { SubmitResponsesInput } from '../gql/graphql';
import { CaptureQuery, SubmitResponsesMutation } from './capture.graphql';

/**
 * Sends one batch of responses. The caller keeps the idempotency key with the batch, so sending
 * the same batch again is stored once. The session's counts and speakers are read again after.
 */
export function useSubmitResponses() {
  const [mutate, state] = useMutation(SubmitResponsesMutation, { refetchQueries: [CaptureQuery] });
  const submit = async (input: SubmitResponsesInput) => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('submitResponses answered without data');
    return data.submitResponses;
  };
  return [submit, state] as const;
}
