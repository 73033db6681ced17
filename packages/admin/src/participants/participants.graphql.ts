import { graphql } from '../gql';

export const ParticipantsListQuery = graphql(`
  query ParticipantsList($filter: ParticipantFilter, $first: Int!, $after: String) {
    participants(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ParticipantRow
        }
      }
    }
  }
`);

export const ParticipantDetailQuery = graphql(`
  query ParticipantDetail($id: ID!) {
    participant(id: $id) {
      id
      code
      ...ParticipantDetails
      ...ParticipantConsents
      ...ParticipantConsentLedger
    }
    engagement {
      id
      noticeVersions
    }
  }
`);

export const ParticipantResponsesQuery = graphql(`
  query ParticipantResponses($participantId: ID!, $first: Int!, $after: String) {
    responses(filter: { participantId: $participantId }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ParticipantResponseRow
        }
      }
    }
  }
`);

// Separate from the page's query: every read of contact details is audited, so they are read only on request.
export const ParticipantContactQuery = graphql(`
  query ParticipantContact($id: ID!) {
    participant(id: $id) {
      id
      contact {
        name
        email
        phone
      }
    }
  }
`);

// Separate too: every read of special category answers is audited.
export const ParticipantDemographicsQuery = graphql(`
  query ParticipantDemographics($id: ID!) {
    participant(id: $id) {
      id
      demographics {
        ethnicity
        ethnicGroup
        religion
        disability
        equalityActDisabled
      }
    }
  }
`);

export const ParticipantErasureImpactQuery = graphql(`
  query ParticipantErasureImpact($id: ID!) {
    participant(id: $id) {
      id
      erasureImpact {
        responses
        codings
        quotes
      }
    }
  }
`);

export const WithdrawConsentMutation = graphql(`
  mutation WithdrawParticipantConsent($participantId: ID!, $purpose: ConsentPurpose!) {
    withdrawConsent(participantId: $participantId, purpose: $purpose) {
      purpose
      granted
      withdrawnAt
    }
  }
`);

export const RecordConsentMutation = graphql(`
  mutation RecordParticipantConsent($participantId: ID!, $consent: ConsentInput!) {
    recordConsent(participantId: $participantId, consent: $consent) {
      purpose
      granted
      recordedAt
    }
  }
`);

export const EraseParticipantMutation = graphql(`
  mutation EraseParticipant($id: ID!) {
    eraseParticipant(id: $id) {
      erasedAt
      responsesDeleted
      codingsDeleted
      quotesDeleted
      tablesTouched {
        table
        rows
      }
    }
  }
`);
