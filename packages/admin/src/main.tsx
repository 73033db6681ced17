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

const router = createBrowserRouter(routes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <ApolloProvider client={createApolloClient()}>
        <Suspense>
          <RouterProvider router={router} />
        </Suspense>
      </ApolloProvider>
    </MantineProvider>
  </StrictMode>,
);
