import type { MockLink } from '@apollo/client/testing';
import { SpecialCategory } from '@chorus/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { CensusFiguresForm } from './CensusFiguresForm';
import { CensusPopulationsQuery, SetCensusPopulationsMutation } from './census.graphql';

const AREA = { id: '2b1f5d7e-6c1a-4d6e-9a51-0f1c2d3e4f50', name: 'Tunstall' };
const filter = { areaId: AREA.id, category: SpecialCategory.DISABILITY };
const read = (figures: [string, number][]): MockLink.MockedResponse => ({
  request: { query: CensusPopulationsQuery, variables: { first: 100, after: null, filter } },
  result: {
    data: {
      censusPopulations: {
        __typename: 'CensusPopulationConnection',
        totalCount: figures.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: figures.map(([group, population], i) => ({
          __typename: 'CensusPopulationEdge',
          node: {
            __typename: 'CensusPopulation',
            id: `c-${i}`,
            category: SpecialCategory.DISABILITY,
            group,
            population,
            updatedAt: '2026-07-02T10:30:00Z',
            area: { __typename: 'Area', ...AREA },
          },
        })),
      },
    },
  },
});
const save = (
  populations: { group: string; population: number | null }[],
  result: MockLink.MockedResponse['result'],
) => ({
  request: { query: SetCensusPopulationsMutation, variables: { input: { ...filter, populations } } },
  result,
});
const field = (label: RegExp) => screen.getByRole('textbox', { name: label });
const renderForm = (mocks: MockLink.MockedResponse[]) =>
  renderWithProviders(
    <CensusFiguresForm areaId={AREA.id} areaName={AREA.name} category={SpecialCategory.DISABILITY} />,
    {
      mocks,
    },
  );

describe('CensusFiguresForm', () => {
  it('shows the figures saved for the area, one field per census group, and refuses a figure that is not a number', async () => {
    renderForm([read([['REDUCED_A_LOT', 1_850]])]);
    expect(await screen.findByRole('textbox', { name: /reduces day-to-day activities a lot/ })).toHaveValue('1850');
    expect(screen.getAllByRole('textbox')).toHaveLength(4);
    await userEvent.type(field(/^No long-term/), 'about 9k');
    await userEvent.click(screen.getByRole('button', { name: 'Save figures' }));
    expect(field(/^No long-term/)).toHaveAccessibleDescription(expect.stringContaining('whole number of people'));
    expect(field(/^No long-term/)).toHaveFocus();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('saves every group at once, a blank one as cleared, and says so', async () => {
    const populations = [
      { group: 'REDUCED_A_LOT', population: 1_850 },
      { group: 'REDUCED_A_LITTLE', population: 2_100 },
      { group: 'NOT_REDUCED', population: null },
      { group: 'NO_CONDITION', population: 9_400 },
    ];
    const saved = populations.filter((p) => p.population !== null);
    renderForm([
      read([['REDUCED_A_LOT', 1_850]]),
      save(populations, {
        data: {
          setCensusPopulations: saved.map((p, i) => ({ __typename: 'CensusPopulation', id: `c-${i}`, ...p })),
        },
      }),
      read([['REDUCED_A_LOT', 1_850]]),
    ]);
    await screen.findByRole('textbox', { name: /reduces day-to-day activities a lot/ });
    await userEvent.type(field(/reduces day-to-day activities a little/), '2,100');
    await userEvent.type(field(/^No long-term/), '9400');
    await userEvent.click(screen.getByRole('button', { name: 'Save figures' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Tunstall: 3 disability figures saved.');
  });

  it("shows the server's refusal beside the group it names", async () => {
    const populations = [
      { group: 'REDUCED_A_LOT', population: 1_850 },
      { group: 'REDUCED_A_LITTLE', population: 99_999_999 },
      { group: 'NOT_REDUCED', population: null },
      { group: 'NO_CONDITION', population: null },
    ];
    const message = 'populations.1.population must be a whole number from 0 to 10000000';
    renderForm([
      read([['REDUCED_A_LOT', 1_850]]),
      save(populations, {
        errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'populations.1.population' } }],
      }),
    ]);
    await screen.findByRole('textbox', { name: /reduces day-to-day activities a lot/ });
    await userEvent.type(field(/reduces day-to-day activities a little/), '99999999');
    await userEvent.click(screen.getByRole('button', { name: 'Save figures' }));
    await expect.poll(() => field(/reduces day-to-day activities a little/).getAttribute('aria-invalid')).toBe('true');
    expect(field(/reduces day-to-day activities a little/)).toHaveAccessibleDescription(
      expect.stringContaining('Must be a whole number from 0 to 10000000'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
