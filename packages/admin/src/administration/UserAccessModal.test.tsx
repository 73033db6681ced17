import { Role } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { DisableUserMutation } from './administration.graphql';
import { UserAccessModal } from './UserAccessModal';

const SAM = { id: '7d0c2f9e-2222-4b6a-9d7e-000000000009', displayName: 'Sam Okoro' };
const DISABLED_SAM = {
  __typename: 'User',
  ...SAM,
  email: 'sam@partner.org',
  role: Role.PARTNER,
  createdAt: '2026-06-01T09:00:00.000Z',
  disabledAt: '2026-12-01T09:00:00.000Z',
  lastSignedInAt: null,
  mustChangePassword: false,
  organisation: null,
};

describe('UserAccessModal', () => {
  it('disables the user only once the admin confirms, and says so', async () => {
    const onDone = vi.fn();
    const sent = vi.fn(() => ({ data: { disableUser: DISABLED_SAM } }));
    renderWithProviders(<UserAccessModal change={{ ...SAM, disable: true }} onClose={() => {}} onDone={onDone} />, {
      mocks: [{ request: { query: DisableUserMutation, variables: { id: SAM.id } }, result: sent }],
    });
    expect(await screen.findByRole('dialog', { name: 'Disable Sam Okoro?' })).toBeInTheDocument();
    expect(screen.getByText(/signed out everywhere at once/)).toBeInTheDocument();
    expect(sent).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Disable user' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({ ...SAM, disable: true }));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal and keeps the dialog open", async () => {
    const onDone = vi.fn();
    renderWithProviders(<UserAccessModal change={{ ...SAM, disable: true }} onClose={() => {}} onDone={onDone} />, {
      mocks: [
        {
          request: { query: DisableUserMutation, variables: { id: SAM.id } },
          result: { errors: [new GraphQLError('You cannot disable yourself', { extensions: { code: 'FORBIDDEN' } })] },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Disable user' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Disable Sam Okoro?' })).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});
