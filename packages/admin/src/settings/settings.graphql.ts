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

export const EngagementDetailsFragment = graphql(`
  fragment EngagementDetails on Engagement {
    id
    name
    startsOn
    endsOn
    noticeVersions
    suppressionThreshold
  }
`);

export const EngagementDetailsQuery = graphql(`
  query EngagementDetails {
    engagement {
      id
      ...EngagementDetails
    }
  }
`);

export const UpdateEngagementMutation = graphql(`
  mutation UpdateEngagement($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      id
      ...EngagementDetails
    }
  }
`);

export const AddNoticeVersionMutation = graphql(`
  mutation AddNoticeVersion($version: String!) {
    addNoticeVersion(version: $version) {
      id
      ...EngagementDetails
    }
  }
`);

export const SetSuppressionThresholdMutation = graphql(`
  mutation SetSuppressionThreshold($threshold: Int!) {
    setSuppressionThreshold(threshold: $threshold) {
      id
      ...EngagementDetails
    }
  }
`);
