import { Channel } from '@chorus/shared';
import { screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { ChannelReach, ChannelReachRowFragment } from './ChannelReach';

const rows = [
  { channel: Channel.WORKSHOP, participants: { value: 12 }, responses: { value: 31 } },
  { channel: Channel.QUESTIONNAIRE_PAPER, participants: { value: null }, responses: { value: 5 } },
].map((row) => makeFragmentData(row, ChannelReachRowFragment));

it('shows participants and responses per channel, a withheld figure as "Suppressed"', () => {
  renderWithProviders(<ChannelReach rows={rows} threshold={3} />);
  const table = screen.getByRole('table', { name: 'Participants and responses heard through each channel' });
  expect(within(table).getByRole('row', { name: 'Workshop 12 31' })).toBeVisible();
  const paper = within(table).getByRole('row', { name: /Questionnaire on paper/ });
  expect(within(paper).getByText('Suppressed')).toBeVisible();
  expect(within(paper).getByText('5')).toBeVisible();
});
