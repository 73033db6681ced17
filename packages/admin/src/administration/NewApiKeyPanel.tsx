import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { NewApiKey } from './CreateApiKeyForm';

/** The new key, shown this once: Chorus keeps only its hash. */
export function NewApiKeyPanel({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form that made the key is behind; the reader is taken straight to the key.
  useEffect(() => {
    heading.current?.focus();
  }, [created]);
  return (
    <Paper
      withBorder
      p="md"
      bd="2px solid var(--mantine-color-indigo-8)"
      component="section"
      aria-labelledby="new-key-heading"
    >
      <Stack>
        <Title order={2} size="h3" id="new-key-heading" ref={heading} tabIndex={-1}>
          New key: {created.label}
        </Title>
        {/* No coloured title: yellow text on yellow falls below AA contrast. */}
        <Alert color="yellow">
          <strong>Copy the key now.</strong> It will not be shown again: Chorus keeps only a hash of it. Store it where
          the system that uses it keeps its secrets. If it is lost, revoke it and create another.
        </Alert>
        <Code block data-testid="new-api-key" fz="md" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {created.key}
        </Code>
        <Group>
          <CopyButton value={created.key} timeout={3000}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'teal' : undefined} aria-live="polite">
                {copied ? 'Copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
        <Text size="sm">The list below shows the key by its first characters only.</Text>
      </Stack>
    </Paper>
  );
}
