import { graphql } from '../gql';

export const QuoteListItemFragment = graphql(`
  fragment QuoteListItem on Quote {
    id
    status
    excerpt
    publishedText
    attribution
    createdAt
  }
`);

export const QuotesListQuery = graphql(`
  query QuotesList($status: QuoteStatus, $first: Int!, $after: String) {
    quotes(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...QuoteListItem
        }
      }
    }
  }
`);

export const QuoteDetailQuery = graphql(`
  query QuoteDetail($id: ID!) {
    quote(id: $id) {
      id
      status
      excerpt
      publishedText
      description
      describedBy
      attributedName
      attribution
      createdAt
      response {
        id
        prompt
        session {
          id
          title
        }
      }
      consent {
        groupNotes
        quote
        named
      }
      descriptionCheck {
        threshold
        matching
        belowThreshold
      }
      transitions {
        fromStatus
        toStatus
        at
        reason
      }
      uses(first: 20) {
        totalCount
        edges {
          node {
            kind
            releaseVersion
            format
            at
          }
        }
      }
    }
  }
`);

/** Every step answers with the quote as it now stands, so the page follows without reading it again. */
export const MarkQuoteMutation = graphql(`
  mutation MarkQuote($input: MarkQuoteInput!) {
    markQuote(input: $input) {
      id
      status
    }
  }
`);

export const CheckQuoteConsentMutation = graphql(`
  mutation CheckQuoteConsent($id: ID!, $groupAgreed: Boolean) {
    checkQuoteConsent(id: $id, groupAgreed: $groupAgreed) {
      id
      status
    }
  }
`);

export const DeidentifyQuoteMutation = graphql(`
  mutation DeidentifyQuote($input: DeidentifyQuoteInput!) {
    deidentifyQuote(input: $input) {
      id
      status
    }
  }
`);

export const ApproveQuoteMutation = graphql(`
  mutation ApproveQuote($id: ID!, $acceptDescriptionRisk: Boolean) {
    approveQuote(id: $id, acceptDescriptionRisk: $acceptDescriptionRisk) {
      id
      status
    }
  }
`);

export const RejectQuoteMutation = graphql(`
  mutation RejectQuote($id: ID!, $reason: String!) {
    rejectQuote(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

/** The quotes a release still publishes, for its preview. */
export const ReleaseQuotesQuery = graphql(`
  query ReleaseQuotes($version: Int) {
    release(version: $version) {
      version
      removedQuoteCount
      quotes(first: 100) {
        totalCount
        edges {
          node {
            id
            publishedText
            attribution
          }
        }
      }
    }
  }
`);
