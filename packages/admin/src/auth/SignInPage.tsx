import { Container, Paper, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { session } from './session';
import { useSession } from './useSession';
import { SignInForm } from './SignInForm';

export default function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Sign in · Chorus';
  }, []);
  // Another tab of this browser is signed in: carry on where the link pointed.
  if (user && session.fromAnotherTab) return <Navigate to={from} replace />;
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
