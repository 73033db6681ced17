import { graphql } from '../gql';

export const ResponsesQuery = graphql(`
  query Responses($first: Int!, $after: String, $filter: ResponseFilter) {
    responses(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ResponseCard
        }
      }
    }
  }
`);

/** Codings (with their excerpts) only for analysis roles: the server refuses the field to others. */
export const ResponseQuery = graphql(`
  query Response($id: ID!, $withCodings: Boolean!) {
    response(id: $id) {
      id
      prompt
      text
      language
      source
      createdAt
      session {
        id
        title
        startsAt
        area {
          id
          name
        }
      }
      participant {
        id
        code
      }
      themes {
        id
        name
        path
      }
      codings @include(if: $withCodings) {
        ...CodingListItem
      }
    }
  }
`);

export const ResponseAreasQuery = graphql(`
  query ResponseAreas {
    areas {
      id
      name
    }
  }
`);

export const SessionOptionsQuery = graphql(`
  query SessionOptions($search: String) {
    sessions(first: 20, filter: { search: $search }) {
      edges {
        node {
          id
          title
          startsAt
        }
      }
    }
  }
`);

export const SessionChoiceQuery = graphql(`
  query SessionChoice($id: ID!) {
    session(id: $id) {
      id
      title
      startsAt
    }
  }
`);
