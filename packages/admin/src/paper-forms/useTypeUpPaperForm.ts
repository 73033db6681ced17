import { useMutation } from '@apollo/client/react';
import { useRetryKey } from '../common/useRetryKey';
import type { TypeUpPaperFormInput } from '../gql/graphql';
import { TypeUpPaperFormMutation } from './paperForms.graphql';

/**
 * Types one paper form up. The idempotency key is kept while the same form is retried until the
 * server confirms, so a lost answer never stores the form twice (and a retry is not refused as
 * "already typed up").
 */
export function useTypeUpPaperForm() {
  const [mutate, state] = useMutation(TypeUpPaperFormMutation);
  const retryKey = useRetryKey();
  const typeUp = async (input: Omit<TypeUpPaperFormInput, 'idempotencyKey'>) => {
    const { data } = await mutate({ variables: { input: { ...input, idempotencyKey: retryKey.keyFor(input) } } });
    if (!data) throw new Error('typeUpPaperForm answered without data');
    retryKey.confirmed();
    return data.typeUpPaperForm;
  };
  return [typeUp, state] as const;
}
