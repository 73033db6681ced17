import { graphql } from '../gql';

export const AgreementOverviewQuery = graphql(`
  query AgreementOverview($first: Int!, $after: String) {
    agreementSamples(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          percentage
          seed
          drawnAt
          drawnBy
          items
          coders
          blindCodings
          blindCodingsSubmitted
          settled
        }
      }
    }
    agreement {
      method
      value
      items
      coders
      disagreements
      settled
      themes {
        theme {
          id
          name
        }
        method
        value
        items
        agreedItems
      }
    }
  }
`);

export const AgreementCodersQuery = graphql(`
  query AgreementCoders($roles: [Role!]) {
    users(roles: $roles, first: 100) {
      edges {
        node {
          id
          displayName
          role
          disabledAt
        }
      }
    }
  }
`);

export const DrawAgreementSampleMutation = graphql(`
  mutation DrawAgreementSample($input: DrawAgreementSampleInput!) {
    drawAgreementSample(input: $input) {
      id
      items
      seed
    }
  }
`);

export const BlindQueueQuery = graphql(`
  query BlindQueue($first: Int!) {
    myAgreementAssignments(first: $first, status: OPEN) {
      totalCount
      edges {
        node {
          id
          response {
            id
            prompt
            text
            language
          }
        }
      }
    }
  }
`);

export const SubmitBlindCodingMutation = graphql(`
  mutation SubmitBlindCoding($assignmentId: ID!, $themeIds: [ID!]!) {
    submitBlindCoding(assignmentId: $assignmentId, themeIds: $themeIds) {
      id
      status
    }
  }
`);

export const AgreementReviewQuery = graphql(`
  query AgreementReview($first: Int!, $after: String, $filter: AgreementReviewFilter) {
    agreementReview(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          response {
            id
            prompt
            text
          }
          codings {
            assignmentId
            kind
            coder
            themes {
              id
              name
              path
            }
          }
          disagreedThemes {
            id
            name
            path
          }
          settledAt
          settledBy
          settledThemes {
            id
            name
            path
          }
        }
      }
    }
  }
`);

export const SettleAgreementItemMutation = graphql(`
  mutation SettleAgreementItem($itemId: ID!, $themeIds: [ID!]!) {
    settleAgreementItem(itemId: $itemId, themeIds: $themeIds) {
      id
      settledAt
      settledBy
      settledThemes {
        id
        name
        path
      }
    }
  }
`);
