import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { session } from './auth/session';

const auth = new SetContextLink(({ headers }) => ({
  headers: { ...headers, ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
}));

// A refused token means the session ended (expiry, password change): ask to sign in again over
// the page, so nothing typed is lost. A wrong password at sign-in is not that.
const expiry = new ErrorLink(({ error, operation }) => {
  if (operation.operationName === 'SignIn') return;
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    session.markExpired();
  }
});

export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: auth.concat(expiry).concat(new HttpLink({ uri })),
    cache: new InMemoryCache({
      typePolicies: {
        // Connections are read page by page, each page its own query; no merging.
        Query: { fields: {} },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
