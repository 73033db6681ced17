import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { useSetUserDisabled } from './useSetUserDisabled';

/** A user whose access is being changed: `disable` says which way. */
export interface UserAccessChange {
  id: string;
  displayName: string;
  disable: boolean;
}

interface UserAccessModalProps {
  /** The change to confirm; the modal is closed while null. */
  change: UserAccessChange | null;
  onClose: () => void;
  onDone: (change: UserAccessChange) => void;
}

export function UserAccessModal({ change, onClose, onDone }: UserAccessModalProps) {
  const [setDisabled, { loading, error, reset }] = useSetUserDisabled();
  // The user stays named while the modal fades out after closing.
  const [shown, setShown] = useState(change);
  if (change && change !== shown) setShown(change);
  const close = () => {
    reset();
    onClose();
  };
  const confirm = async () => {
    if (!change) return;
    try {
      await setDisabled(change.id, change.disable);
      reset();
      onDone(change);
    } catch {
      // shown from `error` below
    }
  };
  const action = shown?.disable ? 'Disable' : 'Re-enable';
  return (
    <Modal
      opened={change !== null}
      onClose={close}
      title={shown && `${action} ${shown.displayName}?`}
      closeButtonProps={{ 'aria-label': 'Close without changing' }}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {formErrors(error).form ?? 'The change could not be saved.'}
          </Alert>
        )}
        <Text size="sm">
          {shown?.disable
            ? 'They are signed out everywhere at once and cannot sign in until re-enabled.'
            : 'They may sign in again. Sessions ended when they were disabled stay ended.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color={shown?.disable ? 'red' : undefined} onClick={() => runAsync(confirm())} loading={loading}>
            {action} user
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
