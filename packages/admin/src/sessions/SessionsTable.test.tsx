import { SessionFormat, SessionStatus } from '@chorus/shared';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { SessionsTable, SessionsTableRowFragment } from './SessionsTable';

const DAY = 86_400_000;
const row = (id: string, title: string, status: SessionStatus, startsAt: Date, endsAt: Date | null = null) =>
  makeFragmentData(
    {
      id,
      title,
      format: SessionFormat.WORKSHOP,
      status,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt?.toISOString() ?? null,
      area: null,
      organisation: null,
      responseCount: 0,
      participantCount: 0,
    },
    SessionsTableRowFragment,
  );

describe('SessionsTable', () => {
  it('flags a session whose date has passed and is still Planned, and no other', () => {
    const now = Date.now();
    renderWithProviders(
      <SessionsTable
        sessions={[
          row('a', 'Past and never marked', SessionStatus.PLANNED, new Date(now - 3 * DAY)),
          row('b', 'Past and held', SessionStatus.HELD, new Date(now - 3 * DAY)),
          row('c', 'Still to come', SessionStatus.PLANNED, new Date(now + 3 * DAY)),
          row('d', 'Running now', SessionStatus.PLANNED, new Date(now - DAY / 24), new Date(now + DAY / 24)),
        ]}
      />,
    );
    const flagged = (title: string) =>
      within(screen.getByRole('row', { name: new RegExp(title) })).queryByText(
        'Date passed: mark it held or cancelled',
      );
    expect(flagged('Past and never marked')).toBeInTheDocument();
    expect(flagged('Past and held')).toBeNull();
    expect(flagged('Still to come')).toBeNull();
    expect(flagged('Running now')).toBeNull();
  });
});
