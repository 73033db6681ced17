import type { MockLink } from '@apollo/client/testing';
import { LIMITS } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { CreateThemeMutation, UpdateThemeMutation } from './codebook.graphql';
import { ThemeFormModal } from './ThemeFormModal';

const BUSES = { id: '0b7c1f8e-6d2a-4e43-9a55-3f1c2b8d9e01', name: 'Buses', description: 'Routes and fares' };
const THEMES = [{ ...BUSES, parent: null }];
const TRANSPORT = {
  id: '0b7c1f8e-6d2a-4e43-9a55-3f1c2b8d9e02',
  name: 'Getting around',
  description: null,
  parent: null,
};

function renameForm(mocks: MockLink.MockedResponse[] = []) {
  const onSaved = vi.fn();
  renderWithProviders(<ThemeFormModal theme={BUSES} themes={THEMES} onClose={() => {}} onSaved={onSaved} />, {
    mocks,
  });
  return { onSaved, name: screen.getByRole('textbox', { name: /^Name/ }) };
}

describe('the rename form', () => {
  it('names a missing name beside the field and sends nothing', async () => {
    const { onSaved, name } = renameForm();
    await userEvent.clear(name);
    await userEvent.type(name, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Enter a name for the theme'));
    expect(name).toBeInvalid();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('refuses a name longer than the limit, saying how long it is', async () => {
    const { onSaved, name } = renameForm();
    await userEvent.clear(name);
    await userEvent.click(name);
    await userEvent.paste('x'.repeat(LIMITS.nameLength + 1));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining(
        `Keep the name to ${LIMITS.nameLength} characters or fewer (it has ${LIMITS.nameLength + 1})`,
      ),
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('refuses a description longer than the limit', async () => {
    renameForm();
    const description = screen.getByRole('textbox', { name: /^Description/ });
    await userEvent.click(description);
    await userEvent.paste('y'.repeat(LIMITS.textLength));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(description).toHaveAccessibleDescription(
      expect.stringContaining('Keep the description to 10,000 characters'),
    );
  });

  it("shows the server's refusal of a clashing name beside the name", async () => {
    const mocks = [
      {
        request: {
          query: UpdateThemeMutation,
          variables: { id: BUSES.id, input: { name: 'Trams', description: 'Routes and fares' } },
        },
        result: {
          errors: [
            {
              message: 'a theme with this name already sits at this place in the codebook',
              extensions: { code: 'BAD_USER_INPUT', field: 'name' },
            },
          ],
        },
      },
    ];
    const { onSaved, name } = renameForm(mocks);
    await userEvent.clear(name);
    await userEvent.type(name, 'Trams');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/already sits at this place/);
    expect(name).toHaveAccessibleDescription(expect.stringContaining('already sits at this place'));
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('saves the trimmed name and clears an emptied description', async () => {
    const mocks = [
      {
        request: {
          query: UpdateThemeMutation,
          variables: { id: BUSES.id, input: { name: 'Bus services', description: null } },
        },
        result: {
          data: {
            updateTheme: { __typename: 'Theme', id: BUSES.id, name: 'Bus services', description: null, parent: null },
          },
        },
      },
    ];
    const { onSaved, name } = renameForm(mocks);
    await userEvent.clear(name);
    await userEvent.type(name, '  Bus services ');
    await userEvent.clear(screen.getByRole('textbox', { name: /^Description/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expect.poll(() => onSaved.mock.calls.length).toBe(1);
    expect(onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ id: BUSES.id, name: 'Bus services' }),
      '“Bus services” saved.',
    );
  });
});

describe('the add form', () => {
  it('typing in "Place in the codebook" replaces "Top level", and Enter places the theme under the match', async () => {
    const mocks = [
      {
        request: {
          query: CreateThemeMutation,
          variables: { input: { name: 'Cycling', description: null, parentId: TRANSPORT.id } },
        },
        result: {
          data: {
            createTheme: {
              __typename: 'Theme',
              id: '0b7c1f8e-6d2a-4e43-9a55-3f1c2b8d9e03',
              name: 'Cycling',
              description: null,
              parent: { __typename: 'Theme', id: TRANSPORT.id },
            },
          },
        },
      },
    ];
    const onSaved = vi.fn();
    renderWithProviders(<ThemeFormModal themes={[...THEMES, TRANSPORT]} onClose={() => {}} onSaved={onSaved} />, {
      mocks,
    });
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'Cycling');
    const place = screen.getByRole('combobox', { name: /^Place in the codebook/ });
    expect(place).toHaveValue('Top level');
    await userEvent.click(place);
    await userEvent.keyboard('Getting');
    expect(place).toHaveValue('Getting');
    await userEvent.keyboard('{Enter}');
    expect(place).toHaveValue('Getting around');
    expect(onSaved).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Add theme' }));
    await expect.poll(() => onSaved.mock.calls.length).toBe(1);
    expect(onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Cycling' }),
      '“Cycling” added under “Getting around”.',
    );
  });
});

describe('a name already used elsewhere in the codebook', () => {
  const NESTED_BUSES = { id: '0b7c1f8e-6d2a-4e43-9a55-3f1c2b8d9e04', name: 'Buses', parent: { id: TRANSPORT.id } };

  it('is warned about with the other theme’s path, and added only when the coder confirms', async () => {
    const created = { __typename: 'Theme', id: NESTED_BUSES.id, name: 'buses', description: null, parent: null };
    const mocks = [
      {
        request: {
          query: CreateThemeMutation,
          variables: { input: { name: 'buses', description: null, parentId: null } },
        },
        result: { data: { createTheme: created } },
      },
    ];
    const onSaved = vi.fn();
    renderWithProviders(<ThemeFormModal themes={[TRANSPORT, NESTED_BUSES]} onClose={() => {}} onSaved={onSaved} />, {
      mocks,
    });
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'buses');
    await userEvent.click(screen.getByRole('button', { name: 'Add theme' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A theme with this name already sits at “Getting around › Buses”',
    );
    expect(onSaved).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Add anyway' }));
    await expect.poll(() => onSaved.mock.calls.length).toBe(1);
  });

  it('is warned about on a rename too, and the warning goes when the name changes', async () => {
    const onSaved = vi.fn();
    renderWithProviders(
      <ThemeFormModal
        theme={BUSES}
        themes={[...THEMES, TRANSPORT, NESTED_BUSES]}
        onClose={() => {}}
        onSaved={onSaved}
      />,
    );
    const name = screen.getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Getting around');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already sits at “Getting around”');
    expect(screen.getByRole('button', { name: 'Save anyway' })).toBeInTheDocument();
    await userEvent.type(name, 's');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
