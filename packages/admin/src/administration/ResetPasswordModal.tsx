import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { useResetUserPassword } from './useResetUserPassword';

/** The user whose password is being reset. */
export interface PasswordResetTarget {
  id: string;
  displayName: string;
}

interface ResetPasswordModalProps {
  /** The user to reset; the modal is closed while null. */
  user: PasswordResetTarget | null;
  onClose: () => void;
}

/** Confirms, then shows the temporary password this once: Chorus keeps only its hash. */
export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const [reset, { loading, error, reset: clear }] = useResetUserPassword();
  const [temporary, setTemporary] = useState<string | null>(null);
  // The user stays named while the modal fades out after closing.
  const [shown, setShown] = useState(user);
  if (user && user !== shown) setShown(user);
  const close = () => {
    clear();
    setTemporary(null);
    onClose();
  };
  const confirm = async () => {
    if (!user) return;
    try {
      setTemporary(await reset(user.id));
    } catch {
      // shown from `error` below
    }
  };
  return (
    <Modal
      opened={user !== null}
      onClose={close}
      // A stray click must not lose a password shown only once.
      closeOnClickOutside={!temporary}
      title={shown && `Reset the password of ${shown.displayName}`}
      closeButtonProps={{ 'aria-label': temporary ? 'Close' : 'Close without resetting' }}
    >
      {temporary ? (
        <Stack>
          <Alert color="yellow">
            <strong>Give them this temporary password privately now.</strong> It will not be shown again. When they sign
            in with it they must choose their own.
          </Alert>
          <Code block data-testid="temporary-password" fz="lg">
            {temporary}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={temporary} timeout={3000}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'teal' : undefined} aria-live="polite">
                  {copied ? 'Copied' : 'Copy password'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {formErrors(error).form ?? 'The password could not be reset.'}
            </Alert>
          )}
          <Text size="sm">
            They are signed out everywhere at once. You get a temporary password to give them; at their next sign-in
            they must choose their own.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={() => runAsync(confirm())} loading={loading}>
              Reset password
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
