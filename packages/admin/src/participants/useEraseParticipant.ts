import { useMutation } from '@apollo/client/react';
import { EraseParticipantMutation } from './participants.graphql';

/**
 * Erases a person and everything of theirs. The cache forgets them and every list that may have
 * held them or their responses, so no screen shows them again.
 */
export function useEraseParticipant() {
  const [mutate, state] = useMutation(EraseParticipantMutation);
  const erase = async (id: string) => {
    const { data } = await mutate({
      variables: { id },
      update(cache) {
        cache.evict({ id: cache.identify({ __typename: 'Participant', id }) });
        for (const fieldName of ['participants', 'responses', 'response', 'overview']) {
          cache.evict({ id: 'ROOT_QUERY', fieldName });
        }
        cache.gc();
      },
      // The page on screen swaps to the receipt; its own queries must not go looking for the person.
      onQueryUpdated: () => false,
    });
    return data?.eraseParticipant;
  };
  return [erase, state] as const;
}
