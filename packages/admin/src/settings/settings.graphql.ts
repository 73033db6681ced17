import { graphql } from '../gql';

export const EngagementSettingsQuery = graphql(`
  query EngagementSettings($first: Int!) {
    engagement {
      id
      name
      endsOn
      retentionDate
    }
    retentionRuns(first: $first) {
      totalCount
      edges {
        node {
          id
          retentionDate
          ranAt
          contactDetailsDeleted
          specialCategoryDeleted
          nameDigestsDeleted
        }
      }
    }
  }
`);

export const SetRetentionDateMutation = graphql(`
  mutation SetRetentionDate($retentionDate: String) {
    setRetentionDate(retentionDate: $retentionDate) {
      id
      retentionDate
    }
  }
`);
