import { Modal, Text } from '@mantine/core';
import { session } from './session';
import { SignInForm } from './SignInForm';
import { useSession } from './useSession';

/** Over the current page, so nothing typed is lost: sign in again and carry on. */
export default function SessionExpiredModal() {
  const { user, expired } = useSession();
  return (
    <Modal
      opened={expired}
      onClose={() => session.signOut()}
      title="Your session has ended"
      closeButtonProps={{ 'aria-label': 'Sign out instead' }}
      centered
    >
      <Text size="sm" mb="md">
        Sign in again to carry on. What you typed on this page is still here.
      </Text>
      <SignInForm email={user?.email} />
    </Modal>
  );
}
