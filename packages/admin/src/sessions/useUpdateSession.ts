import { Permission } from '@chorus/shared';
import { useMutation } from '@apollo/client/react';
import { useSession } from '../auth/useSession';
import type { UpdateSessionInput } from '../gql/graphql';
import { UpdateSessionMutation } from './sessions.graphql';
import { forgetSessionLists } from './useCreateSession';

/** Edits, holds or cancels a session; the session's page updates from the answer. */
export function useUpdateSession() {
  const { can } = useSession();
  const [mutate, state] = useMutation(UpdateSessionMutation, { update: forgetSessionLists });
  const updateSession = async (id: string, input: UpdateSessionInput) => {
    const { data } = await mutate({ variables: { id, input, withFacilitators: can(Permission.FacilitatorRead) } });
    if (!data) throw new Error('The session was not saved');
    return data.updateSession;
  };
  return [updateSession, state] as const;
}
