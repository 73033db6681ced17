import { Sector } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { UpdateOrganisationMutation } from './administration.graphql';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationRowFragment } from './OrganisationsTable';

const LARDER = {
  __typename: 'Organisation' as const,
  id: '7d0c2f9e-2222-4b6a-9d7e-00000000000a',
  name: 'Longton Larder',
  sector: Sector.VOLUNTARY,
};
const ref = makeFragmentData(LARDER, OrganisationRowFragment);

describe('OrganisationForm, editing', () => {
  it('starts from the organisation and sends the new name and sector', async () => {
    const onSaved = vi.fn();
    const input = { name: 'Longton Community Larder', sector: Sector.FAITH };
    const sent = vi.fn(() => ({ data: { updateOrganisation: { ...LARDER, ...input } } }));
    renderWithProviders(<OrganisationForm organisation={ref} onSaved={onSaved} />, {
      mocks: [{ request: { query: UpdateOrganisationMutation, variables: { id: LARDER.id, input } }, result: sent }],
    });
    const form = screen.getByRole('form', { name: 'Edit Longton Larder' });
    expect(form).toBeInTheDocument();
    const name = screen.getByLabelText(/^Name/);
    expect(name).toHaveValue('Longton Larder');
    await userEvent.clear(name);
    await userEvent.type(name, 'Longton Community Larder');
    await userEvent.selectOptions(screen.getByLabelText(/^Sector/), Sector.FAITH);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('refuses an empty name beside the field, and shows the server’s refusal beside the name', async () => {
    const input = { name: 'Burslem Youth Trust', sector: Sector.VOLUNTARY };
    const refusal = new GraphQLError('an organisation with this name already exists', {
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    renderWithProviders(<OrganisationForm organisation={ref} />, {
      mocks: [
        {
          request: { query: UpdateOrganisationMutation, variables: { id: LARDER.id, input } },
          result: { errors: [refusal] },
        },
      ],
    });
    const name = screen.getByLabelText(/^Name/);
    await userEvent.clear(name);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter the organisation’s name')).toBeInTheDocument();
    await userEvent.type(name, 'Burslem Youth Trust');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/already exists/i)).toBeInTheDocument();
  });
});
