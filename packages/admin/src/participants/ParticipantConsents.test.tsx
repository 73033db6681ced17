import { ConsentMethod, ConsentPurpose, Role } from '@chorus/shared';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { session } from '../auth/session';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { ParticipantConsents, ParticipantConsentsFragment } from './ParticipantConsents';

const entry = (purpose: ConsentPurpose, granted: boolean, withdrawnAt: string | null = null) => ({
  purpose,
  granted,
  method: ConsentMethod.VERBAL,
  noticeVersion: '2026-07',
  recordedAt: '2026-07-02T10:30:00Z',
  withdrawnAt,
});

function renderConsents(consents: ReturnType<typeof entry>[]) {
  renderWithProviders(
    <ParticipantConsents
      participant={makeFragmentData({ id: 'p-1', code: 'K7PQ3M', consents }, ParticipantConsentsFragment)}
      noticeVersions={['2026-07']}
    />,
  );
  const table = screen.getByRole('table', { name: /^Consent as it stands now/ });
  return (label: string) => within(table).getByRole('row', { name: new RegExp(`^${label}`) });
}

describe('ParticipantConsents', () => {
  beforeEach(() => {
    session.signIn('token', '2099-01-01T00:00:00Z', {
      id: 'coordinator',
      email: 'coordinator@chorus.local',
      displayName: 'Jo Bennett',
      role: Role.COORDINATOR,
    });
  });
  afterEach(() => session.signOut());

  it('tells "refused" from "not asked", and offers Withdraw only on what stands', () => {
    const row = renderConsents([
      entry(ConsentPurpose.PARTICIPATION, true),
      entry(ConsentPurpose.QUOTE, true),
      entry(ConsentPurpose.ATTRIBUTION, false),
    ]);
    expect(row('Be quoted anonymously')).toHaveTextContent('Granted');
    expect(within(row('Be quoted anonymously')).getByRole('button', { name: /Withdraw/ })).toBeInTheDocument();
    expect(row('Be named with their quotes')).toHaveTextContent('Refused');
    expect(row('Be contacted again')).toHaveTextContent(/Not asked.*treated as refused until they are asked/);
    expect(within(row('Be contacted again')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('after participation is withdrawn, shows what that means for the other purposes and offers no Withdraw', () => {
    const row = renderConsents([
      entry(ConsentPurpose.PARTICIPATION, false, '2026-07-09T12:00:00Z'),
      entry(ConsentPurpose.QUOTE, true),
      entry(ConsentPurpose.FOLLOW_UP_CONTACT, true),
    ]);
    expect(row('Take part')).toHaveTextContent(/Withdrawn/);
    expect(row('Be quoted anonymously')).toHaveTextContent(/Ended: participation withdrawn.*nothing can be quoted/);
    expect(row('Be contacted again')).toHaveTextContent(/Ended: participation withdrawn.*contact details were deleted/);
    expect(screen.queryByRole('button', { name: /^Withdraw/ })).not.toBeInTheDocument();
  });
});
