import { useMutation } from '@apollo/client/react';
import type { DeidentifyQuoteInput, MarkQuoteInput } from '../gql/graphql';
import {
  ApproveQuoteMutation,
  CheckQuoteConsentMutation,
  DeidentifyQuoteMutation,
  MarkQuoteMutation,
  QuoteDetailQuery,
  QuotesListQuery,
  RejectQuoteMutation,
} from './quotes.graphql';

/** After a step, the quote (its trail, consent and description check) and the lists are read again. */
const REFRESH = { refetchQueries: [QuoteDetailQuery, QuotesListQuery], awaitRefetchQueries: true };

/** Marks the selected passage of a response as a candidate quote. */
export function useMarkQuote() {
  const [mutate, state] = useMutation(MarkQuoteMutation, { refetchQueries: [QuotesListQuery] });
  const mark = async (input: MarkQuoteInput) => (await mutate({ variables: { input } })).data?.markQuote;
  return [mark, state] as const;
}

export function useCheckQuoteConsent() {
  const [mutate, state] = useMutation(CheckQuoteConsentMutation, REFRESH);
  const check = async (id: string, groupAgreed: boolean | null) =>
    (await mutate({ variables: { id, groupAgreed } })).data?.checkQuoteConsent;
  return [check, state] as const;
}

export function useDeidentifyQuote() {
  const [mutate, state] = useMutation(DeidentifyQuoteMutation, REFRESH);
  const deidentify = async (input: DeidentifyQuoteInput) =>
    (await mutate({ variables: { input } })).data?.deidentifyQuote;
  return [deidentify, state] as const;
}

export function useApproveQuote() {
  const [mutate, state] = useMutation(ApproveQuoteMutation, REFRESH);
  const approve = async (id: string, acceptDescriptionRisk: boolean) =>
    (await mutate({ variables: { id, acceptDescriptionRisk } })).data?.approveQuote;
  return [approve, state] as const;
}

export function useRejectQuote() {
  const [mutate, state] = useMutation(RejectQuoteMutation, REFRESH);
  const reject = async (id: string, reason: string) => (await mutate({ variables: { id, reason } })).data?.rejectQuote;
  return [reject, state] as const;
}
