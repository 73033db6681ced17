import { ConsentPurpose } from '@chorus/shared';

type State = 'granted' | 'refused' | 'withdrawn';

/** What each consent means for the person's data, in the state it is in now. */
const EFFECTS: Record<ConsentPurpose, Record<State, string>> = {
  [ConsentPurpose.PARTICIPATION]: {
    granted: 'Their responses are kept and analysed, without their name.',
    refused: 'Nothing they say can be recorded.',
    withdrawn: 'Their responses, codings, quotes, demographics and contact details were deleted.',
  },
  [ConsentPurpose.QUOTE]: {
    granted: 'Their words may be quoted in reports, once de-identified and approved.',
    refused: 'Their words are never quoted.',
    withdrawn: 'Their quotes were withdrawn from every release and export.',
  },
  [ConsentPurpose.ATTRIBUTION]: {
    granted: 'An approved quote may name them.',
    refused: 'Quotes describe them ("a young person from Burslem"), never name them.',
    withdrawn: 'Quotes that named them went back to a description.',
  },
  [ConsentPurpose.FOLLOW_UP_CONTACT]: {
    granted: 'Their contact details are kept, encrypted, for admins to contact them.',
    refused: 'No contact details are kept.',
    withdrawn: 'Their contact details were deleted.',
  },
  [ConsentPurpose.SPECIAL_CATEGORY_DATA]: {
    granted: 'Their ethnicity, religion and disability answers are kept, encrypted.',
    refused: 'No ethnicity, religion or disability answers are kept.',
    withdrawn: 'Their ethnicity, religion and disability answers were deleted.',
  },
};

export function consentEffect(consent: { purpose: ConsentPurpose; granted: boolean; withdrawnAt: string | null }) {
  return EFFECTS[consent.purpose][consent.granted ? 'granted' : consent.withdrawnAt ? 'withdrawn' : 'refused'];
}
