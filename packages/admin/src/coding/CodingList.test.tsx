import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { CodingList, CodingListItemFragment } from './CodingList';

const coding = (id: string, path: string[]) =>
  makeFragmentData(
    {
      id,
      excerpt: null,
      createdAt: '2026-07-01T10:00:00Z',
      theme: { id: `theme-${id}`, name: path.at(-1)!, path },
      coder: { id: 'coder', displayName: 'Ada Analyst' },
    },
    CodingListItemFragment,
  );

describe('CodingList', () => {
  it('shows each coding’s theme by its path, so "Buses" at two levels read apart', () => {
    renderWithProviders(
      <CodingList responseId="r1" codings={[coding('c1', ['Transport', 'Buses']), coding('c2', ['Buses'])]} />,
    );
    expect(screen.getByText('Transport › Buses')).toBeInTheDocument();
    expect(screen.getByText('Buses')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove the coding to Transport › Buses' })).toBeInTheDocument();
  });
});
