import { useMutation } from '@apollo/client/react';
import { SignInMutation } from './auth.graphql';
import { session } from './session';

/** A sign-in with a password an admin reset: its token may only set a new password. */
export interface PendingReset {
  token: string;
}

/**
 * Signs in and keeps the session for this tab. After an admin's reset nothing is kept: the
 * caller gets the token that may only set a new password.
 */
export function useSignIn() {
  const [mutate, state] = useMutation(SignInMutation);
  const signIn = async (email: string, password: string): Promise<PendingReset | null> => {
    const { data } = await mutate({ variables: { email, password } });
    if (!data) return null;
    if (data.login.user.mustChangePassword) return { token: data.login.token };
    session.signIn(data.login.token, data.login.expiresAt, data.login.user);
    return null;
  };
  return [signIn, state] as const;
}
