import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { usePublishReport } from './useReportActions';

interface PublishReportModalProps {
  /** The version to publish; the modal is closed while null. */
  version: number | null;
  onClose: () => void;
  onPublished: (version: number) => void;
}

/** Asks a coordinator to confirm before council keys may read a version: publishing is not undone. */
export function PublishReportModal({ version, onClose, onPublished }: PublishReportModalProps) {
  const [publish, { loading, error, reset }] = usePublishReport();
  // The version stays named while the modal fades out after closing.
  const [shown, setShown] = useState(version);
  if (version !== null && version !== shown) setShown(version);
  const close = () => {
    reset();
    onClose();
  };
  const confirm = async () => {
    if (version === null) return;
    try {
      await publish(version);
      reset();
      onPublished(version);
    } catch {
      // shown from `error` below
    }
  };
  return (
    <Modal
      opened={version !== null}
      onClose={close}
      title={`Publish version ${shown}?`}
      closeButtonProps={{ 'aria-label': 'Close without publishing' }}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {formErrors(error).fields.version ?? formErrors(error).form ?? 'The version could not be published.'}
          </Alert>
        )}
        <Text size="sm">
          Council systems can then read this version and download its HTML and PDF with their read-only key. A published
          version cannot be withdrawn; build and publish a new one to replace it.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button onClick={() => runAsync(confirm())} loading={loading}>
            Publish version
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
