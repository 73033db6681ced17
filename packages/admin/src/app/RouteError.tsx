import { Button, Container, Stack, Text } from '@mantine/core';
import { PageTitle } from '../common/PageTitle';

/**
 * What a screen that failed to load or broke while showing leaves in its place: a plain sentence and a
 * reload. After a new version is deployed, an open tab asks for files that are gone; reloading fetches
 * the current ones. What went wrong stays out of the page: it is not the reader's to fix.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const content = (
    <Stack maw={640} align="flex-start" gap="sm">
      <PageTitle title="Page not shown">This page could not be shown</PageTitle>
      <Text role="alert">
        Chorus may have been updated since this tab was opened, or the connection dropped. Reloading the page usually
        fixes it.
      </Text>
      <Button onClick={() => window.location.reload()}>Reload the page</Button>
    </Stack>
  );
  // Inside the signed-in frame the page already sits in its <main>; on its own it needs one.
  return standalone ? (
    <Container component="main" py="xl">
      {content}
    </Container>
  ) : (
    content
  );
}
