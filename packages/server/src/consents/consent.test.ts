import 'reflect-metadata';
import { ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { currentConsents } from './consent';
import type { ConsentEvent } from './consent-event.entity';

let clock = Date.parse('2026-06-14T10:00:00Z');
let sequence = 0;

/** One ledger entry, each a minute after the last. */
function event(
  purpose: ConsentPurpose,
  kind: 'grant' | 'refuse' | 'withdraw',
  extra: Partial<ConsentEvent> = {},
): ConsentEvent {
  clock += 60_000;
  return {
    id: `event-${++sequence}`,
    participantId: 'participant-1',
    purpose,
    granted: kind === 'grant',
    isWithdrawal: kind === 'withdraw',
    method: kind === 'withdraw' ? null : ConsentMethod.VERBAL,
    noticeVersion: kind === 'withdraw' ? null : 'v1',
    recordedByUserId: null,
    recordedByApiKeyId: null,
    recordedAt: new Date(clock),
    ...extra,
  };
}

const { PARTICIPATION, QUOTE, ATTRIBUTION, FOLLOW_UP_CONTACT, SPECIAL_CATEGORY_DATA } = ConsentPurpose;

describe('currentConsents', () => {
  it('is empty for an empty ledger', () => {
    expect(currentConsents([])).toEqual([]);
  });

  it('shows a grant as it was recorded', () => {
    const grant = event(PARTICIPATION, 'grant', { method: ConsentMethod.WRITTEN, noticeVersion: 'v3' });
    expect(currentConsents([grant])).toEqual([
      {
        purpose: PARTICIPATION,
        granted: true,
        method: ConsentMethod.WRITTEN,
        noticeVersion: 'v3',
        recordedAt: grant.recordedAt,
        withdrawnAt: null,
      },
    ]);
  });

  it('shows a refusal as not granted, and not withdrawn', () => {
    const refusal = event(QUOTE, 'refuse');
    expect(currentConsents([refusal])).toEqual([
      {
        purpose: QUOTE,
        granted: false,
        method: ConsentMethod.VERBAL,
        noticeVersion: 'v1',
        recordedAt: refusal.recordedAt,
        withdrawnAt: null,
      },
    ]);
  });

  it('ends a grant at its withdrawal, keeping when it was given', () => {
    const grant = event(PARTICIPATION, 'grant');
    const withdrawal = event(PARTICIPATION, 'withdraw');
    const [consent] = currentConsents([grant, withdrawal]);
    expect(consent).toMatchObject({
      purpose: PARTICIPATION,
      granted: false,
      recordedAt: grant.recordedAt,
      withdrawnAt: withdrawal.recordedAt,
    });
    expect(consent?.method).toBe(ConsentMethod.VERBAL);
    expect(consent?.noticeVersion).toBe('v1');
  });

  it('lets a fresh grant after a withdrawal stand again', () => {
    const regrant = event(PARTICIPATION, 'grant', { noticeVersion: 'v2' });
    const [consent] = currentConsents([event(PARTICIPATION, 'grant'), event(PARTICIPATION, 'withdraw'), regrant]);
    expect(consent).toMatchObject({
      granted: true,
      withdrawnAt: null,
      recordedAt: regrant.recordedAt,
      noticeVersion: 'v2',
    });
  });

  it('lets the latest decision win', () => {
    expect(currentConsents([event(QUOTE, 'grant'), event(QUOTE, 'refuse')])[0]?.granted).toBe(false);
    expect(currentConsents([event(QUOTE, 'refuse'), event(QUOTE, 'grant')])[0]?.granted).toBe(true);
    const last = event(QUOTE, 'grant', { method: ConsentMethod.ONLINE });
    const [consent] = currentConsents([event(QUOTE, 'refuse'), event(QUOTE, 'grant'), event(QUOTE, 'refuse'), last]);
    expect(consent).toMatchObject({ granted: true, method: ConsentMethod.ONLINE, recordedAt: last.recordedAt });
  });

  it('ignores a withdrawal of something never granted', () => {
    expect(currentConsents([event(ATTRIBUTION, 'withdraw')])).toEqual([]);
    const refusal = event(ATTRIBUTION, 'refuse');
    expect(currentConsents([refusal, event(ATTRIBUTION, 'withdraw')])).toEqual([
      expect.objectContaining({
        purpose: ATTRIBUTION,
        granted: false,
        recordedAt: refusal.recordedAt,
        withdrawnAt: null,
      }),
    ]);
  });

  it('keeps each purpose apart: withdrawing one leaves the others', () => {
    const consents = currentConsents([event(PARTICIPATION, 'grant'), event(QUOTE, 'grant'), event(QUOTE, 'withdraw')]);
    expect(consents.map((c) => [c.purpose, c.granted])).toEqual([
      [PARTICIPATION, true],
      [QUOTE, false],
    ]);
  });

  it('lists one consent per purpose, in the order of the purposes', () => {
    const ledger = [
      event(SPECIAL_CATEGORY_DATA, 'refuse'),
      event(FOLLOW_UP_CONTACT, 'grant'),
      event(QUOTE, 'grant'),
      event(ATTRIBUTION, 'refuse'),
      event(PARTICIPATION, 'grant'),
      event(QUOTE, 'refuse'),
    ];
    expect(currentConsents(ledger).map((c) => c.purpose)).toEqual([
      PARTICIPATION,
      QUOTE,
      ATTRIBUTION,
      FOLLOW_UP_CONTACT,
      SPECIAL_CATEGORY_DATA,
    ]);
  });
});
