import { useMutation } from '@apollo/client/react';
import type { QuestionnaireSessionMode } from '@chorus/shared';
import { QuestionnaireSettingsQuery, SetQuestionnaireSessionModeMutation } from './questionnaire.graphql';

/** Chooses how later answers are filed; resolves once the page shows the mode and its sessions. */
export function useSetQuestionnaireSessionMode() {
  const [mutate, state] = useMutation(SetQuestionnaireSessionModeMutation, {
    refetchQueries: [QuestionnaireSettingsQuery],
    awaitRefetchQueries: true,
  });
  const set = async (sessionMode: QuestionnaireSessionMode) =>
    (await mutate({ variables: { sessionMode } })).data?.setQuestionnaireSessionMode;
  return [set, state] as const;
}
