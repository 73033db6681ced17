import { useMutation } from '@apollo/client/react';
import {
  DrawAgreementSampleMutation,
  SettleAgreementItemMutation,
  SubmitBlindCodingMutation,
} from './agreement.graphql';

/** Draws a sample; the samples and the agreement table are read again. */
export function useDrawAgreementSample() {
  const [mutate, state] = useMutation(DrawAgreementSampleMutation, { refetchQueries: ['AgreementOverview'] });
  const draw = async (input: { percentage: number; seed: number | null; coderIds: string[] }) =>
    (await mutate({ variables: { input } })).data?.drawAgreementSample;
  return [draw, state] as const;
}

/** Submits a blind coding; the queue is read again so the next response comes up. */
export function useSubmitBlindCoding() {
  const [mutate, state] = useMutation(SubmitBlindCodingMutation, {
    refetchQueries: ['BlindQueue'],
    awaitRefetchQueries: true,
  });
  const submit = async (assignmentId: string, themeIds: string[]) =>
    (await mutate({ variables: { assignmentId, themeIds } })).data?.submitBlindCoding;
  return [submit, state] as const;
}

/** Settles a disagreement; the review list is read again so it moves to the settled ones. */
export function useSettleAgreementItem() {
  const [mutate, state] = useMutation(SettleAgreementItemMutation, {
    refetchQueries: ['AgreementReview'],
    awaitRefetchQueries: true,
  });
  const settle = async (itemId: string, themeIds: string[]) =>
    (await mutate({ variables: { itemId, themeIds } })).data?.settleAgreementItem;
  return [settle, state] as const;
}
