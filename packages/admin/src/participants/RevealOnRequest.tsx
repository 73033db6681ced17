import { Button, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';

/**
 * A section whose content is read from the server only when asked for, because each reading is
 * recorded in the audit log under the viewer's name (contact details, special-category answers).
 */
export function RevealOnRequest({
  id,
  title,
  what,
  children,
}: {
  id: string;
  title: string;
  what: string;
  children: ReactNode;
}) {
  const [shown, setShown] = useState(false);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <Title order={2} size="h3" id={`${id}-heading`} mb="sm">
        {title}
      </Title>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          Every viewing of {what} is recorded in the audit log under your name, so they are fetched only when you ask.
        </Text>
        <Button variant="default" onClick={() => setShown((now) => !now)} aria-expanded={shown}>
          {shown ? `Hide ${what}` : `Show ${what}`}
        </Button>
        {shown && children}
      </Stack>
    </section>
  );
}
