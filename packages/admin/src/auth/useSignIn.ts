import { useMutation } from '@apollo/client/react';
import { SignInMutation } from './auth.graphql';
import { session } from './session';

/** Signs in and keeps the session for this tab. */
export function useSignIn() {
  const [mutate, state] = useMutation(SignInMutation);
  const signIn = async (email: string, password: string) => {
    const { data } = await mutate({ variables: { email, password } });
    if (data) session.signIn(data.login.token, data.login.expiresAt, data.login.user);
  };
  return [signIn, state] as const;
}
