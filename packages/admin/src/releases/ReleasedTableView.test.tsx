import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import type { ExportCell } from '@chorus/shared';
import type { ExportFile } from './exportFile';
import { ReleaseCharts } from './ReleaseCharts';
import { ReleasedTableView } from './ReleasedTableView';

const cell = (kind: ExportCell['kind'], row: string | null, column: string | null, value: number | null) => ({
  release_version: 3,
  table: 'themes-by-area',
  kind,
  row_key: row,
  row_label: row,
  column_key: column,
  column_label: column,
  value,
  suppressed: value === null,
  reason: value === null ? 'BELOW_THRESHOLD' : null,
});

const FILE: ExportFile = {
  release: { version: 3, threshold: 10, contentHash: 'ab'.repeat(32) },
  table: { name: 'themes-by-area', title: 'Responses coded to each theme, by area', rows: 'AREA', columns: 'THEME' },
  cells: [
    cell('CELL', 'Tunstall', 'Transport', 14),
    cell('CELL', 'Tunstall', 'Housing', null),
    cell('ROW_TOTAL', 'Tunstall', null, 31),
    cell('COLUMN_TOTAL', null, 'Transport', 14),
    cell('COLUMN_TOTAL', null, 'Housing', null),
    cell('TOTAL', null, null, 31),
  ],
};

describe('a released table', () => {
  it('reads as a grid with totals, a withheld cell saying so', () => {
    renderWithProviders(<ReleasedTableView file={FILE} />);
    const table = screen.getByRole('table', { name: /release 3; figures below 10 are withheld/ });
    const tunstall = within(table).getByRole('row', { name: /^Tunstall/ });
    expect(
      within(tunstall)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['14', 'withheld', '31']);
  });

  it('gives its charts a table of the same figures', () => {
    renderWithProviders(<ReleaseCharts byArea={FILE} byMonth={{ ...FILE, cells: [] }} />);
    const table = screen.getByRole('table', { name: 'Responses by area, as released' });
    expect(within(table).getByRole('row', { name: /Tunstall/ })).toHaveTextContent('31');
  });
});
