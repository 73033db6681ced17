import type { QuoteStatus } from '../gql/graphql';

/** How each step of a quote reads to staff. */
export const STATUS_LABELS: Record<QuoteStatus, string> = {
  CANDIDATE: 'Candidate',
  CONSENT_CHECKED: 'Consent checked',
  DEIDENTIFIED: 'De-identified',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

export const STATUS_COLOURS: Record<QuoteStatus, string> = {
  CANDIDATE: 'gray',
  CONSENT_CHECKED: 'blue',
  DEIDENTIFIED: 'violet',
  APPROVED: 'green',
  REJECTED: 'orange',
  WITHDRAWN: 'red',
};

/** The link to one quote of the register. */
export const quotePath = (id: string) => `/quotes/${id}`;
