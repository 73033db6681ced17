import type { MockLink } from '@apollo/client/testing';
import { SpecialCategory } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SpecialCategoryReach, SpecialCategoryReachQuery } from './SpecialCategoryReach';

type Row = [string | null, string, number | null, number | null, number | null, boolean];
const answer = (by: SpecialCategory, rows: Row[]): MockLink.MockedResponse => ({
  request: { query: SpecialCategoryReachQuery, variables: { by } },
  result: {
    data: {
      specialCategoryReach: {
        __typename: 'Reach',
        threshold: 10,
        rows: rows.map(([key, label, value, population, perThousand, underHeard]) => ({
          __typename: 'ReachRow',
          key,
          label,
          value,
          suppressed: value === null,
          population,
          perThousand,
          underHeard,
        })),
      },
    },
  },
});

describe('SpecialCategoryReach', () => {
  it('sets each group against its census population, withholding small figures, and marks the under-heard', async () => {
    renderWithProviders(<SpecialCategoryReach />, {
      mocks: [
        answer(SpecialCategory.ETHNIC_GROUP, [
          ['ASIAN', 'Asian, Asian British or Asian Welsh', 42, 21_000, 2, false],
          ['BLACK', 'Black, Black British, Black Welsh, Caribbean or African', null, 6_400, null, true],
          [null, 'Not stated', 17, null, null, false],
        ]),
        answer(SpecialCategory.RELIGION, [['SIKH', 'Sikh', 12, 1_500, 8, false]]),
      ],
    });
    const asian = await screen.findByRole('row', { name: /^Asian/ });
    expect(asian).toHaveTextContent('4221,0002.0');
    const black = screen.getByRole('row', { name: /^Black/ });
    expect(black).toHaveTextContent('Under-heard');
    expect(black).toHaveTextContent(/Suppressed.*withheld because the figures fall below 10/);
    expect(black).toHaveTextContent('6,400—');
    expect(screen.getByRole('row', { name: /^Not stated/ })).toHaveTextContent('17——');

    await userEvent.selectOptions(screen.getByLabelText('By'), 'Religion');
    expect(
      await screen.findByRole('table', { name: 'People heard by religion, against census population' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /^Sikh/ })).toHaveTextContent('121,5008.0');
  });
});
