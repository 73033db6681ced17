import type { MockLink } from '@apollo/client/testing';
import { Role } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ApiKeysListQuery, CreateApiKeyMutation, OrganisationChoicesQuery } from './administration.graphql';
import { CreateApiKeyForm } from './CreateApiKeyForm';

const CHOICES: MockLink.MockedResponse = {
  request: { query: OrganisationChoicesQuery },
  result: {
    data: {
      organisations: {
        __typename: 'OrganisationConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'OrganisationEdge',
            node: {
              __typename: 'Organisation',
              id: '7d0c2f9e-2222-4b6a-9d7e-000000000002',
              name: 'Burslem Youth Trust',
            },
          },
        ],
      },
    },
  },
};

const create = () => userEvent.click(screen.getByRole('button', { name: 'Create key' }));

describe('CreateApiKeyForm', () => {
  it('asks for an organisation for a partner key, and sends nothing', async () => {
    const onCreated = vi.fn();
    renderWithProviders(<CreateApiKeyForm onCreated={onCreated} />, { mocks: [CHOICES] });
    await userEvent.type(screen.getByLabelText(/^Label/), 'Burslem Youth Trust uploads');
    await userEvent.click(screen.getByRole('radio', { name: /A partner organisation/ }));
    await create();
    const organisation = screen.getByLabelText(/^Organisation/);
    expect(organisation).toHaveAccessibleDescription(expect.stringContaining('choose it'));
    expect(organisation).toHaveFocus();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('names each missing field', async () => {
    renderWithProviders(<CreateApiKeyForm onCreated={vi.fn()} />);
    await create();
    expect(screen.getByLabelText(/^Label/)).toHaveAccessibleDescription(
      expect.stringContaining('Say what the key is for'),
    );
    expect(screen.getByText('Choose who will use the key')).toBeInTheDocument();
  });

  it('hands over the new key, which a council key needs no organisation for', async () => {
    const onCreated = vi.fn();
    const mocks: MockLink.MockedResponse[] = [
      {
        request: {
          query: CreateApiKeyMutation,
          variables: {
            input: { label: 'Data warehouse nightly pull', role: Role.COUNCIL_READER, organisationId: null },
          },
        },
        result: {
          data: {
            createApiKey: {
              __typename: 'CreateApiKeyPayload',
              key: 'ck_secret-value',
              apiKey: {
                __typename: 'ApiKey',
                id: '9e1f0000-0000-4000-8000-000000000001',
                label: 'Data warehouse nightly pull',
                prefix: 'ck_secret-v',
              },
            },
          },
        },
      },
      { request: { query: ApiKeysListQuery }, result: { data: null } },
    ];
    renderWithProviders(<CreateApiKeyForm onCreated={onCreated} />, { mocks });
    await userEvent.type(screen.getByLabelText(/^Label/), 'Data warehouse nightly pull');
    await userEvent.click(screen.getByRole('radio', { name: /A council system/ }));
    expect(screen.queryByLabelText(/^Organisation/)).not.toBeInTheDocument();
    await create();
    await expect.poll(() => onCreated.mock.calls.length).toBe(1);
    expect(onCreated).toHaveBeenCalledWith({ label: 'Data warehouse nightly pull', key: 'ck_secret-value' });
  });
});
