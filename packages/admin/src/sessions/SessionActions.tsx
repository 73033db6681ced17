import { SessionStatus, Permission } from '@chorus/shared';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/useSession';
import { formErrors } from '../common/errors';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { useUpdateSession } from './useUpdateSession';
import { runAsync } from '../common/handle';

export const SessionActionsFragment = graphql(`
  fragment SessionActions on Session {
    id
    title
    status
  }
`);

function problem(error: unknown): string {
  const { form, fields } = formErrors(error);
  return form ?? Object.values(fields)[0] ?? 'The session could not be changed. Try again.';
}

interface SessionActionsProps {
  session: FragmentType<typeof SessionActionsFragment>;
  /** Called with a confirmation to show once the session's status has changed. */
  onDone: (message: string) => void;
}

/** What fieldwork roles can do with a session: edit it, capture what was said, hold or cancel it. */
export function SessionActions({ session, onDone }: SessionActionsProps) {
  const { can } = useSession();
  const { id, title, status } = getFragmentData(SessionActionsFragment, session);
  const [updateSession, { error, reset }] = useUpdateSession();
  const [pending, setPending] = useState<SessionStatus | null>(null);
  const [confirmingCancel, cancelModal] = useDisclosure(false);
  if (!can(Permission.SessionUpdate)) return null;

  const changeStatus = async (next: SessionStatus, message: string) => {
    setPending(next);
    try {
      await updateSession(id, { status: next });
      cancelModal.close();
      onDone(message);
    } catch {
      // shown from `error`, beside the action that failed
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      {error && !confirmingCancel && (
        <Alert color="red" role="alert" mb="sm">
          {problem(error)}
        </Alert>
      )}
      <Group gap="sm">
        {status !== SessionStatus.CANCELLED && (
          <Button component={Link} to={`/sessions/${id}/capture`}>
            Capture responses
          </Button>
        )}
        <Button component={Link} to={`/sessions/${id}/edit`} variant="default">
          Edit session
        </Button>
        {status === SessionStatus.PLANNED && (
          <Button
            variant="default"
            loading={pending === SessionStatus.HELD}
            onClick={() => runAsync(changeStatus(SessionStatus.HELD, 'Session marked as held.'))}
          >
            Mark as held
          </Button>
        )}
        {status === SessionStatus.CANCELLED ? (
          <Button
            variant="default"
            loading={pending === SessionStatus.PLANNED}
            onClick={() => runAsync(changeStatus(SessionStatus.PLANNED, 'Session restored as planned.'))}
          >
            Restore as planned
          </Button>
        ) : (
          <Button
            variant="outline"
            color="red.9"
            onClick={() => {
              reset();
              cancelModal.open();
            }}
          >
            Cancel session
          </Button>
        )}
      </Group>
      <Modal
        opened={confirmingCancel}
        onClose={cancelModal.close}
        title="Cancel this session?"
        closeButtonProps={{ 'aria-label': 'Close without cancelling' }}
        centered
      >
        <Stack>
          <Text size="sm">
            “{title}” will show as cancelled and no more responses can be captured for it. Responses already recorded
            are kept.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {problem(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancelModal.close} data-autofocus>
              Keep the session
            </Button>
            <Button
              color="red.9"
              loading={pending === SessionStatus.CANCELLED}
              onClick={() => runAsync(changeStatus(SessionStatus.CANCELLED, 'Session cancelled.'))}
            >
              Cancel session
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
