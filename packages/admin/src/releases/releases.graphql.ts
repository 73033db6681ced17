import { graphql } from '../gql';

export const ReleaseHistoryQuery = graphql(`
  query ReleaseHistory($first: Int!, $after: String) {
    releases(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          version
          status
          threshold
          contentHash
          tableCount
          cellCount
          createdAt
          publishedAt
        }
      }
    }
  }
`);

export const ReleaseTablesQuery = graphql(`
  query ReleaseTables($version: Int) {
    release(version: $version) {
      version
      method
      tables {
        name
        title
        rows
        columns
      }
    }
  }
`);

export const PublishReleaseMutation = graphql(`
  mutation PublishRelease {
    publishRelease {
      version
      status
    }
  }
`);
