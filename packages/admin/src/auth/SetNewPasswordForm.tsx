import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { runAsync } from '../common/handle';
import { useFormFields } from '../common/useFormFields';
import { SetNewPasswordMutation } from './auth.graphql';
import { useSignIn } from './useSignIn';

interface SetNewPasswordFormProps {
  email: string;
  /** The temporary password just signed in with, and the token that sign-in gave. */
  temporaryPassword: string;
  token: string;
  onSignedIn?: () => void;
}

/** After an admin reset the password: the user chooses their own, then is signed in with it. */
export function SetNewPasswordForm({ email, temporaryPassword, token, onSignedIn }: SetNewPasswordFormProps) {
  const [change, changing] = useMutation(SetNewPasswordMutation);
  const [signIn, signingIn] = useSignIn();
  const error = changing.error ?? signingIn.error;
  const { values, problems, errors, errorFor, formRef, set, accept } = useFormFields(
    { newPassword: '', repeat: '' },
    error,
  );
  const { newPassword, repeat } = values;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = accept({
      newPassword: newPassword ? undefined : 'Enter a new password',
      repeat: newPassword && repeat !== newPassword ? 'The two passwords are not the same' : undefined,
    });
    if (!ok) return;
    try {
      await change({
        variables: { currentPassword: temporaryPassword, newPassword },
        context: { headers: { authorization: `Bearer ${token}` } },
      });
      // The change ended the temporary sign-in: sign in with the new password.
      await signIn(email, newPassword);
      onSignedIn?.();
    } catch {
      // shown from `error` below
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="new-password">
      <Stack>
        <Title order={2} size="h4" id="new-password">
          Set a new password
        </Title>
        <Text size="sm">
          An admin reset your password. Choose your own to carry on: at least 12 characters, not easy to guess (a few
          unrelated words work well).
        </Text>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => set('newPassword', e.currentTarget.value)}
          error={errorFor('newPassword')}
          required
          data-autofocus
        />
        <PasswordInput
          label="Repeat the new password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => set('repeat', e.currentTarget.value)}
          error={problems.repeat}
          required
        />
        <Button type="submit" loading={changing.loading || signingIn.loading}>
          Save and sign in
        </Button>
      </Stack>
    </form>
  );
}
