import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { AreaReachBarFragment, ReachChart } from './ReachChart';

const reach = [
  { participants: 45, perThousand: 12.3, area: { id: 'a-1', name: 'Moss Side', population: 3650 } },
  { participants: 7, perThousand: null, area: { id: 'a-2', name: 'Hulme', population: null } },
].map((row) => makeFragmentData(row, AreaReachBarFragment));

it('labels its unit and shows each area’s figure, participants and population as text', () => {
  renderWithProviders(<ReachChart reach={reach} />);
  expect(screen.getByText('Participants per 1,000 residents')).toBeVisible();
  const bars = within(screen.getByRole('list'));
  expect(bars.getByText('12.3 per 1,000 (45 of 3,650)')).toBeVisible();
  expect(bars.getByText('7 participants; population not known')).toBeVisible();
});

it('opens the same figures as a visible table, and closes it again', async () => {
  renderWithProviders(<ReachChart reach={reach} />);
  expect(screen.queryByRole('table')).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
  const table = screen.getByRole('table', { name: 'Participants heard per area, against population' });
  expect(table).toBeVisible();
  expect(within(table).getByRole('row', { name: 'Moss Side 45 3,650 12.3' })).toBeVisible();
  expect(within(table).getByRole('row', { name: 'Hulme 7 not known not known' })).toBeVisible();
  await userEvent.click(screen.getByRole('button', { name: 'Hide the table', expanded: true }));
  expect(screen.queryByRole('table')).toBeNull();
});

it('says what to do when there are no areas', () => {
  renderWithProviders(<ReachChart reach={[]} />);
  expect(screen.getByText(/An admin adds the city’s areas/)).toBeVisible();
  expect(screen.queryByRole('button', { name: 'Show as a table' })).toBeNull();
});
