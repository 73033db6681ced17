import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { useRevokeApiKey } from './useRevokeApiKey';
import { runAsync } from '../common/handle';

interface RevokeApiKeyModalProps {
  /** The key to revoke; the modal is closed while null. */
  apiKey: { id: string; label: string } | null;
  onClose: () => void;
  onRevoked: (label: string) => void;
}

export function RevokeApiKeyModal({ apiKey, onClose, onRevoked }: RevokeApiKeyModalProps) {
  const [revoke, { loading, error, reset }] = useRevokeApiKey();
  // The key stays named while the modal fades out after closing.
  const [shown, setShown] = useState(apiKey);
  if (apiKey && apiKey !== shown) setShown(apiKey);
  const close = () => {
    reset();
    onClose();
  };
  const confirm = async () => {
    if (!apiKey) return;
    try {
      await revoke(apiKey.id);
      reset();
      onRevoked(apiKey.label);
    } catch {
      // shown from `error` below
    }
  };
  return (
    <Modal
      opened={apiKey !== null}
      onClose={close}
      title={shown && `Revoke “${shown.label}”?`}
      closeButtonProps={{ 'aria-label': 'Close without revoking' }}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {formErrors(error).form ?? 'The key could not be revoked.'}
          </Alert>
        )}
        <Text size="sm">
          Any system using this key is refused from its next request. A revoked key cannot be restored; create a new one
          if it is needed again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => runAsync(confirm())} loading={loading}>
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
