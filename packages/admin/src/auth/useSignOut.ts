import { useApolloClient } from '@apollo/client/react';
import { confirmSignOut } from '../common/drafts';
import { SignOutMutation } from './auth.graphql';
import { session } from './session';

/**
 * Signs out: ends the session on the server (`logout`), so the token is refused even if it was
 * copied, then forgets it here. A server that cannot be reached does not keep the user signed in.
 */
export function useSignOut(expired: boolean) {
  const client = useApolloClient();
  return async () => {
    if (!confirmSignOut((message) => window.confirm(message))) return;
    // An expired token has no session left to end; asking would only bring the sign-in dialog.
    if (!expired) await client.mutate({ mutation: SignOutMutation }).catch(() => undefined);
    session.signOut();
    await client.clearStore();
  };
}
