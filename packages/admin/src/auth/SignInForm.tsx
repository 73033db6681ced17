import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { useSignIn, type PendingReset } from './useSignIn';

// Needed only after a password reset: kept out of the sign-in page's first load.
const SetNewPasswordForm = lazy(() =>
  import('./SetNewPasswordForm').then((module) => ({ default: module.SetNewPasswordForm })),
);

interface SignInFormProps {
  /** Fixed when re-signing in after expiry: the same person carries on. */
  email?: string;
  onSignedIn?: () => void;
}

export function SignInForm({ email: fixedEmail, onSignedIn }: SignInFormProps) {
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [signIn, { loading, error }] = useSignIn();
  const [reset, setReset] = useState<PendingReset | null>(null);
  const errors = formErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(email.trim() ? {} : { email: 'Enter your email address' }),
      ...(password ? {} : { password: 'Enter your password' }),
    };
    setMissing(problems);
    if (Object.keys(problems).length) return;
    try {
      const pending = await signIn(email.trim(), password);
      if (pending) setReset(pending);
      else onSignedIn?.();
    } catch {
      // shown from `error` below
    }
  };

  if (reset) {
    return (
      <Suspense fallback={<Text role="status">Loading…</Text>}>
        <SetNewPasswordForm
          email={email.trim()}
          temporaryPassword={password}
          token={reset.token}
          onSignedIn={onSignedIn}
        />
      </Suspense>
    );
  }

  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-label="Sign in">
      <Stack>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          readOnly={Boolean(fixedEmail)}
          error={missing.email ?? errors.fields.email}
          required
          data-autofocus={fixedEmail ? undefined : true}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={missing.password}
          required
          data-autofocus={fixedEmail ? true : undefined}
        />
        <Button type="submit" loading={loading}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
