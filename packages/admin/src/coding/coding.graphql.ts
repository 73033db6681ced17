import { graphql } from '../gql';

export const CodingResponseQuery = graphql(`
  query CodingResponse($id: ID!) {
    response(id: $id) {
      id
      prompt
      text
      createdAt
      session {
        id
        title
      }
      codings {
        ...CodingListItem
      }
    }
  }
`);

/** The newest uncoded responses: the coder moves on to the first they have not just passed. */
export const NextUncodedQuery = graphql(`
  query NextUncoded($first: Int!) {
    responses(first: $first, filter: { uncoded: true }) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const CodeResponseMutation = graphql(`
  mutation CodeResponse($input: CodeResponseInput!) {
    codeResponse(input: $input) {
      id
      # The response as it now stands, so every cached view of it shows the new coding.
      response {
        id
        themes {
          id
          name
        }
        codings {
          ...CodingListItem
        }
      }
    }
  }
`);

export const UncodeResponseMutation = graphql(`
  mutation UncodeResponse($id: ID!) {
    uncodeResponse(id: $id)
  }
`);
