import { Alert, Box, Center, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fetchWithToken } from '../common/download';

interface Loaded {
  path: string;
  html: string | null;
  error: string | null;
}

/**
 * A READY version's HTML, as its download holds it, in a sandboxed frame: no script, no forms, its
 * own opaque origin, so the report's words cannot act on the app. The file is fetched with the
 * session's token (a frame's src could not carry it) and shown from memory.
 */
export function ReportPreview({ version, htmlPath }: { version: number; htmlPath: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let current = true;
    fetchWithToken(htmlPath)
      .then((response) => response.text())
      .then((html) => current && setLoaded({ path: htmlPath, html, error: null }))
      .catch((error: unknown) => current && setLoaded({ path: htmlPath, html: null, error: (error as Error).message }));
    return () => {
      current = false;
    };
  }, [htmlPath]);
  const shown = loaded?.path === htmlPath ? loaded : null;

  if (shown?.error) {
    return (
      <Alert color="red" role="alert">
        The preview could not be loaded: {shown.error}
      </Alert>
    );
  }
  if (!shown?.html) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text ml="sm" c="dimmed" size="sm">
          Loading the preview…
        </Text>
      </Center>
    );
  }
  return (
    <Box
      component="iframe"
      title={`Board report version ${version}, preview`}
      sandbox=""
      srcDoc={shown.html}
      style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
    />
  );
}
