import { graphql } from '../gql';

/** One page of the sessions list under the chosen filters. */
export const SessionsQuery = graphql(`
  query Sessions($filter: SessionFilter, $first: Int!, $after: String) {
    sessions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...SessionsTableRow
        }
      }
    }
  }
`);

/** What the list's filters offer; partners are not asked for organisations. */
export const SessionsFilterChoicesQuery = graphql(`
  query SessionsFilterChoices($withOrganisations: Boolean!) {
    ...SessionFiltersChoices
  }
`);

/** A session's page; facilitators are staff-only data, so partners do not ask for them. */
export const SessionQuery = graphql(`
  query Session($id: ID!, $withFacilitators: Boolean!) {
    session(id: $id) {
      id
      title
      ...SessionDetails
      ...SessionActions
      ...PrintPaperForms
    }
  }
`);

export const SessionParticipantsQuery = graphql(`
  query SessionParticipants($sessionId: ID!, $first: Int!, $after: String) {
    participants(filter: { sessionId: $sessionId }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...SessionParticipantRow
        }
      }
    }
  }
`);

export const SessionResponsesQuery = graphql(`
  query SessionResponses($sessionId: ID!, $first: Int!, $after: String) {
    responses(filter: { sessionId: $sessionId }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...SessionResponseRow
        }
      }
    }
  }
`);

export const NewSessionQuery = graphql(`
  query NewSession($withOrganisations: Boolean!, $withFacilitators: Boolean!) {
    ...SessionFormChoices
  }
`);

export const EditSessionQuery = graphql(`
  query EditSession($id: ID!, $withOrganisations: Boolean!, $withFacilitators: Boolean!) {
    session(id: $id) {
      id
      title
      ...SessionFormValues
    }
    ...SessionFormChoices
  }
`);

export const CreateSessionMutation = graphql(`
  mutation CreateSession($input: CreateSessionInput!) {
    createSession(input: $input) {
      id
      title
    }
  }
`);

/** Answers with everything the session's page and form show, so both are current at once. */
export const UpdateSessionMutation = graphql(`
  mutation UpdateSession($id: ID!, $input: UpdateSessionInput!, $withFacilitators: Boolean!) {
    updateSession(id: $id, input: $input) {
      id
      title
      ...SessionDetails
      ...SessionActions
      ...SessionFormValues
    }
  }
`);

/** Sessions that look like the one being planned: the form asks before saving another. */
export const DuplicateSessionsQuery = graphql(`
  query DuplicateSessions($title: String!, $startsAt: DateTime!, $areaId: ID, $exceptId: ID) {
    duplicateSessions(title: $title, startsAt: $startsAt, areaId: $areaId, exceptId: $exceptId) {
      id
      title
      startsAt
    }
  }
`);
