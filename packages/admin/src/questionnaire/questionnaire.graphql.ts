import { graphql } from '../gql';

export const QuestionnaireSettingsQuery = graphql(`
  query QuestionnaireSettings {
    questionnaire {
      open
      sessionMode
      updatedAt
      sessions {
        id
        title
      }
    }
  }
`);

export const SetQuestionnaireOpenMutation = graphql(`
  mutation SetQuestionnaireOpen($open: Boolean!) {
    setQuestionnaireOpen(open: $open) {
      open
    }
  }
`);

export const SetQuestionnaireSessionModeMutation = graphql(`
  mutation SetQuestionnaireSessionMode($sessionMode: QuestionnaireSessionMode!) {
    setQuestionnaireSessionMode(sessionMode: $sessionMode) {
      sessionMode
    }
  }
`);
