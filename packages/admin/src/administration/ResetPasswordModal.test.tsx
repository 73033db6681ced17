import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ResetUserPasswordMutation } from './administration.graphql';
import { ResetPasswordModal } from './ResetPasswordModal';

const SAM = { id: '7d0c2f9e-2222-4b6a-9d7e-000000000009', displayName: 'Sam Okoro' };

describe('ResetPasswordModal', () => {
  it('resets only once the admin confirms, then shows the temporary password', async () => {
    const sent = vi.fn(() => ({
      data: {
        resetUserPassword: {
          __typename: 'PasswordResetPayload',
          temporaryPassword: 'abcde-fghjk-mnpqr-stuvw',
          user: {
            __typename: 'User',
            ...SAM,
            email: 'sam@example.org',
            role: 'ANALYST',
            createdAt: '2026-06-01T09:00:00.000Z',
            disabledAt: null,
            lastSignedInAt: null,
            mustChangePassword: true,
            organisation: null,
          },
        },
      },
    }));
    renderWithProviders(<ResetPasswordModal user={SAM} onClose={() => {}} />, {
      mocks: [{ request: { query: ResetUserPasswordMutation, variables: { id: SAM.id } }, result: sent }],
    });
    expect(await screen.findByRole('dialog', { name: 'Reset the password of Sam Okoro' })).toBeInTheDocument();
    expect(screen.getByText(/signed out everywhere at once/)).toBeInTheDocument();
    expect(sent).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(await screen.findByTestId('temporary-password')).toHaveTextContent('abcde-fghjk-mnpqr-stuvw');
    expect(screen.getByText(/will not be shown again/)).toBeInTheDocument();
    expect(sent).toHaveBeenCalledTimes(1);
  });
});
