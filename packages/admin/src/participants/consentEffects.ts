import { ConsentPurpose } from '@chorus/shared';
import { formatDateTime, LABELS } from '../common/labels';

/** 'lapsed': given once, but participation has since been withdrawn, so nothing it covered is left. */
type State = 'granted' | 'refused' | 'withdrawn' | 'notAsked' | 'lapsed';

const NOT_ASKED = 'Not asked yet: treated as refused until they are asked and agree.';

/** What each consent means for the person's data, in the state it is in now. */
const EFFECTS: Record<ConsentPurpose, Record<State, string>> = {
  [ConsentPurpose.PARTICIPATION]: {
    granted: 'Their responses are kept and analysed, without their name.',
    refused: 'Nothing they say can be recorded.',
    withdrawn: 'Their responses, codings, quotes, demographics and contact details were deleted.',
    notAsked: NOT_ASKED,
    lapsed: 'Their responses, codings, quotes, demographics and contact details were deleted.',
  },
  [ConsentPurpose.QUOTE]: {
    granted: 'Their words may be quoted in reports, once de-identified and approved.',
    refused: 'Their words are never quoted.',
    // True of today's releases, quotes export and board reports (docs/privacy.md); a copy already downloaded cannot be recalled.
    withdrawn:
      'Their quotes were withdrawn from every release, the quotes export and the board reports; copies downloaded earlier cannot be recalled.',
    notAsked: NOT_ASKED,
    lapsed: 'Ended with their participation: their responses and quotes were deleted, so nothing can be quoted.',
  },
  [ConsentPurpose.ATTRIBUTION]: {
    granted: 'An approved quote may name them.',
    refused: 'Quotes describe them ("a young person from Burslem"), never name them.',
    withdrawn: 'Quotes that named them went back to a description.',
    notAsked: NOT_ASKED,
    lapsed: 'Ended with their participation: no quote of theirs is left to name them.',
  },
  [ConsentPurpose.FOLLOW_UP_CONTACT]: {
    granted: 'Their contact details are kept, encrypted, for admins to contact them.',
    refused: 'No contact details are kept.',
    withdrawn: 'Their contact details were deleted.',
    notAsked: NOT_ASKED,
    lapsed: 'Ended with their participation: their contact details were deleted.',
  },
  [ConsentPurpose.SPECIAL_CATEGORY_DATA]: {
    granted: 'Their ethnicity, religion and disability answers are kept, encrypted.',
    refused: 'No ethnicity, religion or disability answers are kept.',
    withdrawn: 'Their ethnicity, religion and disability answers were deleted.',
    notAsked: NOT_ASKED,
    lapsed: 'Ended with their participation: their ethnicity, religion and disability answers were deleted.',
  },
};

interface Decision {
  purpose: ConsentPurpose;
  granted: boolean;
  withdrawnAt?: string | null;
}

function stateOf(consent: Decision | undefined, participationWithdrawn: boolean): State {
  if (!consent) return 'notAsked';
  if (consent.granted)
    return participationWithdrawn && consent.purpose !== ConsentPurpose.PARTICIPATION ? 'lapsed' : 'granted';
  return consent.withdrawnAt ? 'withdrawn' : 'refused';
}

// No one is registered without participation, so a participation not granted is one withdrawn.
const participationWithdrawn = (consents: readonly Decision[]) =>
  consents.some((c) => c.purpose === ConsentPurpose.PARTICIPATION && !c.granted);

/** What one consent means now, on its own (as just withdrawn, say). */
export function consentEffect(consent: Decision) {
  return EFFECTS[consent.purpose][stateOf(consent, false)];
}

export interface ConsentRow<C extends Decision> {
  purpose: ConsentPurpose;
  /** The ledger's latest decision; undefined when the purpose was never put to them. */
  consent?: C;
  decision: string;
  effect: string;
  /** Whether it stands now and so can be withdrawn. */
  standing: boolean;
}

/**
 * Every purpose, in checklist order, as it stands: "not asked" apart from "refused", and once
 * participation is withdrawn, what that implies for the consents given alongside it.
 */
export function consentRows<C extends Decision>(consents: readonly C[]): ConsentRow<C>[] {
  const ended = participationWithdrawn(consents);
  return Object.values(ConsentPurpose).map((purpose) => {
    const consent = consents.find((c) => c.purpose === purpose);
    const state = stateOf(consent, ended);
    const decision = {
      granted: 'Granted',
      refused: 'Refused',
      withdrawn: consent?.withdrawnAt ? `Withdrawn ${formatDateTime(consent.withdrawnAt)}` : 'Withdrawn',
      notAsked: 'Not asked',
      lapsed: 'Ended: participation withdrawn',
    }[state];
    return { purpose, consent, decision, effect: EFFECTS[purpose][state], standing: state === 'granted' };
  });
}

/** The consents that stand now, in a few words; a withdrawn participation is the thing to notice. */
export function standingSummary(consents: readonly Decision[]): string {
  if (participationWithdrawn(consents)) return 'Participation withdrawn: no other consent stands';
  const standing = consents.filter((c) => c.granted);
  return standing.length ? standing.map((c) => LABELS.purpose[c.purpose]).join('; ') : 'None standing';
}
