import { Role } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ChangeUserRoleMutation, OrganisationChoicesQuery } from './administration.graphql';
import { ChangeRoleModal } from './ChangeRoleModal';

const SAM = {
  id: '7d0c2f9e-2222-4b6a-9d7e-000000000009',
  displayName: 'Sam Okoro',
  role: Role.ANALYST,
  organisationId: null,
};
const ORGANISATION = { __typename: 'Organisation', id: '7d0c2f9e-2222-4b6a-9d7e-00000000000a', name: 'Burslem Youth' };
const CHOICES = {
  request: { query: OrganisationChoicesQuery },
  result: {
    data: {
      organisations: {
        __typename: 'OrganisationConnection',
        totalCount: 1,
        edges: [{ __typename: 'OrganisationEdge', node: ORGANISATION }],
      },
    },
  },
};
const answer = (role: Role, organisation: typeof ORGANISATION | null) => ({
  data: {
    changeUserRole: {
      __typename: 'User',
      id: SAM.id,
      displayName: SAM.displayName,
      email: 'sam@example.org',
      role,
      createdAt: '2026-06-01T09:00:00.000Z',
      disabledAt: null,
      lastSignedInAt: null,
      mustChangePassword: false,
      organisation,
    },
  },
});

describe('ChangeRoleModal', () => {
  it('asks for an organisation before making a partner, then sends the role and organisation', async () => {
    const onDone = vi.fn();
    const input = { id: SAM.id, role: Role.PARTNER, organisationId: ORGANISATION.id };
    const sent = vi.fn(() => answer(Role.PARTNER, ORGANISATION));
    renderWithProviders(<ChangeRoleModal user={SAM} onClose={() => {}} onDone={onDone} />, {
      mocks: [CHOICES, { request: { query: ChangeUserRoleMutation, variables: { input } }, result: sent }],
    });
    const dialog = await screen.findByRole('dialog', { name: 'Change the role of Sam Okoro' });
    expect(dialog).toBeInTheDocument();
    expect(screen.getByLabelText(/^Role/)).toHaveValue(Role.ANALYST);
    await userEvent.selectOptions(screen.getByLabelText(/^Role/), Role.PARTNER);
    await userEvent.click(screen.getByRole('button', { name: 'Change role' }));
    expect(await screen.findByText('A partner user belongs to an organisation: choose one')).toBeInTheDocument();
    expect(sent).not.toHaveBeenCalled();
    await screen.findByRole('option', { name: 'Burslem Youth' });
    await userEvent.selectOptions(screen.getByLabelText(/^Organisation/), ORGANISATION.id);
    await userEvent.click(screen.getByRole('button', { name: 'Change role' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringContaining('Sam Okoro is now partner')));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal beside the role and keeps the dialog open", async () => {
    const onDone = vi.fn();
    const input = { id: SAM.id, role: Role.COORDINATOR, organisationId: null };
    const refusal = new GraphQLError('this is the last active admin; make another user an admin first', {
      extensions: { code: 'BAD_USER_INPUT', field: 'role' },
    });
    renderWithProviders(<ChangeRoleModal user={{ ...SAM, role: Role.ADMIN }} onClose={() => {}} onDone={onDone} />, {
      mocks: [{ request: { query: ChangeUserRoleMutation, variables: { input } }, result: { errors: [refusal] } }],
    });
    await userEvent.selectOptions(await screen.findByLabelText(/^Role/), Role.COORDINATOR);
    await userEvent.click(screen.getByRole('button', { name: 'Change role' }));
    expect(await screen.findByText(/last active admin/i)).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Change the role of Sam Okoro' })).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});
