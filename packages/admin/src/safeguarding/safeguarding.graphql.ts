import { graphql } from '../gql';

export const SafeguardingQueueQuery = graphql(`
  query SafeguardingQueue($first: Int!, $after: String, $filter: SafeguardingFlagFilter) {
    safeguardingFlags(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          category
          source
          status
          rule
          ruleSetVersion
          raisedAt
          raisedBy
          closedAt
          closedBy
          response {
            id
            text
            prompt
          }
          actions {
            id
            action
            recordedAt
            recordedBy
          }
        }
      }
    }
  }
`);

export const RecordSafeguardingActionMutation = graphql(`
  mutation RecordSafeguardingAction($flagId: ID!, $action: String!) {
    recordSafeguardingAction(flagId: $flagId, action: $action) {
      id
      actions {
        id
        action
        recordedAt
        recordedBy
      }
    }
  }
`);

export const CloseSafeguardingFlagMutation = graphql(`
  mutation CloseSafeguardingFlag($flagId: ID!, $action: String) {
    closeSafeguardingFlag(flagId: $flagId, action: $action) {
      id
      status
      closedAt
      closedBy
    }
  }
`);

export const SafeguardingRuleSetQuery = graphql(`
  query SafeguardingRuleSet {
    safeguardingRuleSet {
      version
      savedAt
      savedBy
      rules {
        category
        kind
        text
        enabled
      }
    }
  }
`);

export const SaveSafeguardingRulesMutation = graphql(`
  mutation SaveSafeguardingRules($rules: [SafeguardingRuleInput!]!) {
    saveSafeguardingRules(rules: $rules) {
      version
      savedAt
      savedBy
      rules {
        category
        kind
        text
        enabled
      }
    }
  }
`);
