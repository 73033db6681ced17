import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { session } from './auth/session';

declare module '@apollo/client' {
  interface DefaultContext {
    headers?: Record<string, string>;
    /** The token a request went out with, so a refusal can be matched to the session it ended. */
    sentToken?: string | null;
  }
}

// Signing in sends no token: the server refuses a request whose token has ended, even a sign-in.
// Setting a new password after a reset sends only the token that sign-in gave, never the session's.
const SIGNING_IN = new Set(['SignIn', 'SetNewPassword']);
const auth = new SetContextLink(({ headers }, operation) => {
  if (SIGNING_IN.has(operation.operationName ?? '')) return { headers, sentToken: null };
  const token = session.token;
  return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, sentToken: token };
});

// A refused token means the session ended (expiry, password change): ask to sign in again over
// the page, so nothing typed is lost. A wrong password at sign-in is not that.
const expiry = new ErrorLink(({ error, operation, forward }) => {
  if (SIGNING_IN.has(operation.operationName ?? '')) return;
  // A refused token is answered with HTTP 401 before any resolver runs.
  const refused =
    (ServerError.is(error) && error.statusCode === 401) ||
    (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
  if (!refused) return;
  const sentToken = operation.getContext().sentToken ?? null;
  const current = session.token;
  // Refused after the person had already signed in again: ask once more with the new token, or
  // the refetch that followed the sign-in has been and gone and this answer would stay an error.
  if (current && sentToken !== current && !session.expired) {
    operation.setContext(({ headers }) => ({
      headers: { ...headers, authorization: `Bearer ${current}` },
      sentToken: current,
    }));
    return forward(operation);
  }
  session.markExpired(sentToken);
});

export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: auth.concat(expiry).concat(new HttpLink({ uri })),
    cache: new InMemoryCache({
      typePolicies: {
        // Connections are read page by page, each page its own query; no merging.
        Query: { fields: {} },
        // A version read again while it builds updates its row in the history too.
        BoardReport: { keyFields: ['version'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
