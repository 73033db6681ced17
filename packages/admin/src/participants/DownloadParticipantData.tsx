import { participantExportPath } from '@chorus/shared';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { downloadWithToken } from '../common/download';
import { runAsync } from '../common/handle';

/** Subject access: everything held about the person, as a page they can read or as JSON (each download audited). */
export function DownloadParticipantData({ participantId, code }: { participantId: string; code: string }) {
  const [busy, setBusy] = useState<'html' | 'json' | null>(null);
  const [failed, setFailed] = useState(false);
  const download = async (format: 'html' | 'json') => {
    setBusy(format);
    setFailed(false);
    try {
      await downloadWithToken(participantExportPath(participantId, format), `chorus-participant-${code}.${format}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="subject-access-heading">
      <Title order={2} size="h3" id="subject-access-heading" mb="sm">
        Their data
      </Title>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          For a subject access request: everything held about them, with every consent decision and the notice they were
          shown. Answer within one month of the request. Each download is recorded in the audit log.
        </Text>
        {failed && (
          <Alert color="red" role="alert">
            Their data could not be downloaded. Try again.
          </Alert>
        )}
        <Group>
          <Button onClick={() => runAsync(download('html'))} loading={busy === 'html'}>
            Download their data
          </Button>
          <Button variant="default" onClick={() => runAsync(download('json'))} loading={busy === 'json'}>
            Download as JSON
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
