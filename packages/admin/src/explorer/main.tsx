import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { session } from '../auth/session';
import { explorerStorage } from '../common/drafts';

const ENDPOINT = '/graphql';
const headers: Record<string, string> = session.token ? { authorization: `Bearer ${session.token}` } : {};

/**
 * Whether this caller may read the schema. In production the API refuses anonymous introspection
 * (and any ended token), so an unsigned visitor gets the sign-in message and nothing of the schema.
 */
async function mayIntrospect(): Promise<boolean> {
  try {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const body = (await response.json()) as { data?: { __schema?: unknown }; errors?: unknown[] };
    return response.ok && !body.errors && Boolean(body.data?.__schema);
  } catch {
    return false;
  }
}

function SignInFirst() {
  return (
    <main className="explorer-sign-in">
      <h1>Chorus API explorer</h1>
      <p>{session.token ? 'Your session has ended.' : 'Sign in to use the explorer.'}</p>
      <p>
        <a href="/sign-in">Sign in to Chorus</a>, then open <code>/graphql</code> again in this browser.
      </p>
    </main>
  );
}

const root = createRoot(document.getElementById('explorer')!);
root.render(
  <StrictMode>
    {(await mayIntrospect()) ? (
      <GraphiQL
        fetcher={createGraphiQLFetcher({ url: ENDPOINT, headers })}
        storage={explorerStorage}
        defaultQuery={'# Signed-in calls run as you, with your role.\n{\n  me {\n    email\n    role\n  }\n}\n'}
      />
    ) : (
      <SignInFirst />
    )}
  </StrictMode>,
);
