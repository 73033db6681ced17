import { graphql } from '../gql';

/** What an import needs chosen before the file is read: the session and the notice version. */
export const ImportSetupQuery = graphql(`
  query ImportSetup {
    sessions(first: 100) {
      edges {
        node {
          id
          title
        }
      }
    }
    engagement {
      id
      noticeVersions
    }
  }
`);

export const ResponseImportQuery = graphql(`
  query ResponseImport($id: ID!) {
    responseImport(id: $id) {
      id
      fileName
      status
      rows
      errorCount
      progress
      stage
      participantsStored
      responsesStored
      flagsRaised
      uploadPath
      errors(first: 100) {
        edges {
          node {
            row
            column
            reason
          }
        }
      }
    }
  }
`);

export const CreateResponseImportMutation = graphql(`
  mutation CreateResponseImport($input: CreateResponseImportInput!) {
    createResponseImport(input: $input) {
      id
      uploadPath
    }
  }
`);

export const StartResponseImportMutation = graphql(`
  mutation StartResponseImport($id: ID!) {
    startResponseImport(id: $id) {
      id
      status
      progress
    }
  }
`);
