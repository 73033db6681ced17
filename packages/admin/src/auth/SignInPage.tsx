import { Container, Paper, Text, Title } from '@mantine/core';
import { useEffect, useSyncExternalStore } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { session } from './session';
import { SignInForm } from './SignInForm';

export default function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  useEffect(() => {
    document.title = 'Sign in · Chorus';
  }, []);
  // Another tab of this browser is signed in: carry on where the link pointed. (Read from the session
  // itself, not useSession, which would bring the permission table into the sign-in page's load.)
  const signedInElsewhere = useSyncExternalStore(
    session.subscribe,
    () => session.fromAnotherTab && session.user !== null,
  );
  if (signedInElsewhere) return <Navigate to={from} replace />;
  return (
    <Container size={420} py={80} component="main">
      <Title order={1} ta="center">
        Chorus
      </Title>
      <Text c="dimmed" ta="center" mb="lg">
        Sign in to run the listening exercise
      </Text>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        {/* Declarative routing navigates at once; there is nothing to wait for. */}
        <SignInForm onSignedIn={() => void navigate(from, { replace: true })} />
      </Paper>
    </Container>
  );
}
