import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SignInForm } from './SignInForm';
import { session } from './session';
import { SetNewPasswordMutation, SignInMutation } from './auth.graphql';

describe('SignInForm', () => {
  it('names each missing field beside it and sends nothing', async () => {
    renderWithProviders(<SignInForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
  });

  it("shows the server's refusal above the form", async () => {
    const mocks = [
      {
        request: { query: SignInMutation, variables: { email: 'a@b.org', password: 'wrong-password' } },
        result: { errors: [{ message: 'Email or password is wrong', extensions: { code: 'UNAUTHENTICATED' } }] },
      },
    ];
    renderWithProviders(<SignInForm />, { mocks });
    await userEvent.type(screen.getByLabelText(/Email/), 'a@b.org');
    await userEvent.type(screen.getByLabelText(/^Password/), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong');
  });

  it('after an admin reset, asks for a new password before signing in, and signs in with it', async () => {
    const user = { __typename: 'User', id: 'u1', email: 'sam@example.org', displayName: 'Sam', role: 'ANALYST' };
    const login = (token: string, mustChangePassword: boolean) => ({
      data: {
        login: {
          __typename: 'LoginPayload',
          token,
          expiresAt: '2099-01-01T00:00:00Z',
          user: { ...user, mustChangePassword },
        },
      },
    });
    const changed = vi.fn(() => ({ data: { changePassword: { __typename: 'User', id: 'u1' } } }));
    const mocks = [
      {
        request: {
          query: SignInMutation,
          variables: { email: 'sam@example.org', password: 'abcde-fghjk-mnpqr-stuvw' },
        },
        result: login('cs_pending', true),
      },
      {
        request: {
          query: SetNewPasswordMutation,
          variables: { currentPassword: 'abcde-fghjk-mnpqr-stuvw', newPassword: 'three calm rivers at dawn' },
        },
        result: changed,
      },
      {
        request: {
          query: SignInMutation,
          variables: { email: 'sam@example.org', password: 'three calm rivers at dawn' },
        },
        result: login('cs_full', false),
      },
    ];
    const onSignedIn = vi.fn();
    renderWithProviders(<SignInForm onSignedIn={onSignedIn} />, { mocks });
    await userEvent.type(screen.getByLabelText(/Email/), 'sam@example.org');
    await userEvent.type(screen.getByLabelText(/^Password/), 'abcde-fghjk-mnpqr-stuvw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('form', { name: 'Set a new password' })).toBeInTheDocument();
    expect(session.token).toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^New password/), 'three calm rivers at dawn');
    await userEvent.type(screen.getByLabelText(/^Repeat the new password/), 'three calm rivers');
    await userEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(await screen.findByText('The two passwords are not the same')).toBeInTheDocument();
    expect(changed).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Repeat the new password/), ' at dawn');
    await userEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(changed).toHaveBeenCalledTimes(1);
    expect(session.token).toBe('cs_full');
    session.signOut();
  });
});
