import '@mantine/core/styles.css';
import './app/app.css';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { routes } from './app/routes';
import { theme } from './app/theme';
import { QueryState } from './common/QueryState';

const router = createBrowserRouter(routes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <ApolloProvider client={createApolloClient()}>
        {/* The first screen's chunk (sign-in, or the frame) is on its way: say so rather than show nothing. */}
        <Suspense
          fallback={
            <main>
              <QueryState loading>{null}</QueryState>
            </main>
          }
        >
          <RouterProvider router={router} />
        </Suspense>
      </ApolloProvider>
    </MantineProvider>
  </StrictMode>,
);
