import { useMutation } from '@apollo/client/react';
import { QuestionnaireSettingsQuery, SetQuestionnaireOpenMutation } from './questionnaire.graphql';

/** Opens or closes the public questionnaire; resolves once the page shows the new state and its sessions. */
export function useSetQuestionnaireOpen() {
  const [mutate, state] = useMutation(SetQuestionnaireOpenMutation, {
    refetchQueries: [QuestionnaireSettingsQuery],
    awaitRefetchQueries: true,
  });
  const set = async (open: boolean) => (await mutate({ variables: { open } })).data?.setQuestionnaireOpen;
  return [set, state] as const;
}
