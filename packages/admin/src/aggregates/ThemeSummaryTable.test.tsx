import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { ThemeSummaryTable, ThemeSummaryTableFragment } from './ThemeSummaryTable';

const theme = (id: string, name: string) => ({ id, name, parent: null });

const SUMMARY = makeFragmentData(
  {
    threshold: 10,
    themes: [
      { theme: theme('t1', 'Green spaces'), responses: 48, participants: 31, suppressed: false },
      { theme: theme('t2', 'Faith and belief'), responses: null, participants: null, suppressed: true },
    ],
  },
  ThemeSummaryTableFragment,
);

describe('ThemeSummaryTable', () => {
  it('shows released counts as numbers', () => {
    renderWithProviders(<ThemeSummaryTable summary={SUMMARY} />);
    const row = screen.getByRole('row', { name: /Green spaces/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['48', '31']);
  });

  it('shows a withheld theme as Suppressed in words, with the reason for screen readers', () => {
    renderWithProviders(<ThemeSummaryTable summary={SUMMARY} />);
    const row = screen.getByRole('row', { name: /Faith and belief/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells).toHaveLength(2);
    for (const cell of cells) {
      // The whole cell: the word and its reason, and no figure.
      expect(cell).toHaveTextContent(/^Suppressed: withheld because the figures fall below 10$/);
    }
    expect(screen.getByRole('table')).toHaveAccessibleName(expect.stringContaining('“Suppressed” means'));
  });
});
