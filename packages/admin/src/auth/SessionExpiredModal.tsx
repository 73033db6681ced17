import { useApolloClient } from '@apollo/client/react';
import { Modal, Text } from '@mantine/core';
import { session } from './session';
import { SignInForm } from './SignInForm';
import { useSession } from './useSession';

/** Over the current page, so nothing typed is lost: sign in again and carry on. */
export default function SessionExpiredModal() {
  const { user, expired } = useSession();
  const client = useApolloClient();
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
      {/* Whatever failed while signed out is asked again, so the page fills in by itself. */}
      <SignInForm email={user?.email} onSignedIn={() => void client.refetchQueries({ include: 'active' })} />
    </Modal>
  );
}
