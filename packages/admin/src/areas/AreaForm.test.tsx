import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { AreaForm } from './AreaForm';
import { AreasListQuery, CreateAreaMutation } from './areas.graphql';

const field = (label: RegExp) => screen.getByLabelText(label);
const submit = () => userEvent.click(screen.getByRole('button', { name: 'Add area' }));

describe('AreaForm', () => {
  it('refuses a code that is not an ONS code beside the field, and sends nothing', async () => {
    renderWithProviders(<AreaForm />);
    await userEvent.type(field(/^Name/), 'Tunstall');
    await userEvent.selectOptions(field(/^Kind/), 'OTHER');
    await userEvent.type(field(/^ONS code/), 'E05');
    await submit();
    expect(field(/^ONS code/)).toHaveAccessibleDescription(expect.stringContaining('a letter and eight digits'));
    expect(field(/^ONS code/)).toHaveFocus();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('gives a ward only an ONS ward code (E05 and six digits), and sends nothing', async () => {
    renderWithProviders(<AreaForm />);
    await userEvent.type(field(/^Name/), 'Tunstall');
    expect(field(/^Kind/)).toHaveValue('WARD');
    // A unitary authority's code: a GSS code, but not a ward's.
    await userEvent.type(field(/^ONS code/), 'E06000021');
    await submit();
    expect(field(/^ONS code/)).toHaveAccessibleDescription(expect.stringContaining('E05 and six digits'));
    expect(field(/^ONS code/)).toHaveFocus();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('refuses a population that is not a whole number', async () => {
    renderWithProviders(<AreaForm />);
    await userEvent.type(field(/^Name/), 'Tunstall');
    await userEvent.type(field(/^Census population/), 'about 12k');
    await submit();
    expect(field(/^Census population/)).toHaveAccessibleDescription(expect.stringContaining('whole number'));
  });

  it("shows the server's refusal of a code another area has beside the code, as a sentence, until the code changes", async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: {
          query: CreateAreaMutation,
          variables: { input: { name: 'Tunstall', code: 'E05008749', kind: 'WARD', population: 11800 } },
        },
        result: {
          errors: [
            { message: 'another area already has this code', extensions: { code: 'BAD_USER_INPUT', field: 'code' } },
          ],
        },
      },
      { request: { query: AreasListQuery }, result: { data: null } },
    ];
    renderWithProviders(<AreaForm />, { mocks });
    await userEvent.type(field(/^Name/), 'Tunstall');
    await userEvent.type(field(/^ONS code/), 'e05008749');
    await userEvent.type(field(/^Census population/), '11800');
    await submit();
    await expect.poll(() => field(/^ONS code/).getAttribute('aria-invalid')).toBe('true');
    expect(field(/^ONS code/)).toHaveAccessibleDescription(
      expect.stringContaining('Another area already has this code'),
    );
    // Changing another field leaves the message; fixing the code clears it.
    await userEvent.type(field(/^Name/), ' North');
    expect(field(/^ONS code/)).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(field(/^ONS code/), '{Backspace}0');
    expect(field(/^ONS code/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(field(/^ONS code/)).not.toHaveAccessibleDescription(expect.stringContaining('Another area'));
  });
});
