import { graphql } from '../gql';

export const ThemeSuggestionsQuery = graphql(`
  query ThemeSuggestions($responseId: ID!) {
    themeSuggestions(responseId: $responseId) {
      theme {
        id
        name
        path
      }
      score
      words
      modelVersion
    }
  }
`);

export const ThemeCandidatesQuery = graphql(`
  query ThemeCandidates {
    suggestionRun(kind: CANDIDATES) {
      id
      version
      status
      progress
      responsesUsed
      finishedAt
      candidates {
        id
        size
        keyphrases
        examples {
          id
          text
        }
        theme {
          id
          name
          path
        }
      }
    }
  }
`);

export const FindThemeCandidatesMutation = graphql(`
  mutation FindThemeCandidates {
    findThemeCandidates {
      id
      version
      status
      progress
    }
  }
`);

export const CreateThemeFromCandidateMutation = graphql(`
  mutation CreateThemeFromCandidate($input: CreateThemeFromCandidateInput!) {
    createThemeFromCandidate(input: $input) {
      id
      name
    }
  }
`);

export const RejectThemeSuggestionMutation = graphql(`
  mutation RejectThemeSuggestion($input: RejectThemeSuggestionInput!) {
    rejectThemeSuggestion(input: $input) {
      id
    }
  }
`);

export const SuggestionModelQuery = graphql(`
  query SuggestionModel {
    suggestionModel {
      id
      version
      createdAt
      finishedAt
      responsesUsed
      codingsUsed
      codingsChangedSince
    }
    suggestionRun(kind: MODEL) {
      id
      version
      status
      progress
    }
  }
`);

export const TrainSuggestionModelMutation = graphql(`
  mutation TrainSuggestionModel {
    trainSuggestionModel {
      id
      version
      status
      progress
    }
  }
`);
