import type { MockLink } from '@apollo/client/testing';
import { Role } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { CreateUserMutation, OrganisationChoicesQuery, UsersListQuery } from './administration.graphql';
import { CreateUserForm } from './CreateUserForm';

const ORGANISATION = {
  __typename: 'Organisation',
  id: '7d0c2f9e-2222-4b6a-9d7e-000000000002',
  name: 'Burslem Youth Trust',
};
const CHOICES: MockLink.MockedResponse = {
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

const field = (label: RegExp) => screen.getByLabelText(label);
const submit = () => userEvent.click(screen.getByRole('button', { name: 'Add user' }));

async function fill({ role, password }: { role: Role; password: string }) {
  await userEvent.type(field(/^Email/), 'sam@partner.org');
  await userEvent.type(field(/^Display name/), 'Sam Okoro');
  await userEvent.selectOptions(field(/^Role/), role);
  await userEvent.type(field(/^Password/), password);
}

describe('CreateUserForm', () => {
  it('refuses a password shorter than 12 characters beside the field, moves focus there, and sends nothing', async () => {
    renderWithProviders(<CreateUserForm />);
    await fill({ role: Role.FACILITATOR, password: 'too-short' });
    await submit();
    expect(field(/^Password/)).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters'));
    expect(field(/^Password/)).toHaveFocus();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('asks for an organisation for a partner user', async () => {
    renderWithProviders(<CreateUserForm />, { mocks: [CHOICES] });
    expect(screen.queryByLabelText(/^Organisation/)).not.toBeInTheDocument();
    await fill({ role: Role.PARTNER, password: 'long-enough-password' });
    await submit();
    expect(field(/^Organisation/)).toHaveAccessibleDescription(
      expect.stringContaining('A partner user belongs to an organisation'),
    );
  });

  it('does not offer the council reader role, which is for API keys', () => {
    renderWithProviders(<CreateUserForm />);
    expect(screen.queryByRole('option', { name: 'Council reader' })).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Partner' })).toBeInTheDocument();
  });

  it("shows the server's refusal beside the field it names", async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: {
          query: CreateUserMutation,
          variables: {
            input: {
              email: 'sam@partner.org',
              displayName: 'Sam Okoro',
              role: Role.ANALYST,
              password: 'long-enough-password',
              organisationId: null,
            },
          },
        },
        result: {
          errors: [
            {
              message: 'A user with this email already exists',
              extensions: { code: 'BAD_USER_INPUT', field: 'email' },
            },
          ],
        },
      },
      { request: { query: UsersListQuery }, result: { data: null } },
    ];
    renderWithProviders(<CreateUserForm />, { mocks });
    await fill({ role: Role.ANALYST, password: 'long-enough-password' });
    await submit();
    await expect.poll(() => field(/^Email/).getAttribute('aria-invalid')).toBe('true');
    expect(field(/^Email/)).toHaveAccessibleDescription(
      expect.stringContaining('A user with this email already exists'),
    );
  });
});
