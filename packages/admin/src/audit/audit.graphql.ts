import { graphql } from '../gql';

export const AuditEventsQuery = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          action
          callerKind
          callerId
          recordType
          recordId
          details
        }
      }
    }
    auditVocabulary {
      action
      code
      description
    }
  }
`);
