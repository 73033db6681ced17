import { LIMITS } from '@chorus/shared';
import { graphql } from '../gql';

/** The capture screen's variables: the mutations write into the very cache entry the screen reads. */
export const captureVariables = (sessionId: string) => ({ sessionId, speakersFirst: LIMITS.pageSizeMax });

/** Everything the capture screen needs for one session, in one round trip. */
export const CaptureQuery = graphql(`
  query Capture($sessionId: ID!, $speakersFirst: Int!) {
    session(id: $sessionId) {
      id
      title
      status
      ...CaptureSessionSummary
    }
    engagement {
      id
      noticeVersions
    }
    areas {
      ...CaptureAreaOption
    }
    participants(filter: { sessionId: $sessionId }, first: $speakersFirst) {
      totalCount
      edges {
        node {
          ...CaptureSpeaker
        }
      }
    }
  }
`);

export const RegisterParticipantMutation = graphql(`
  mutation RegisterParticipant($input: RegisterParticipantInput!) {
    registerParticipant(input: $input) {
      id
      code
      ...CaptureSpeaker
    }
  }
`);

export const SubmitResponsesMutation = graphql(`
  mutation SubmitResponses($input: SubmitResponsesInput!) {
    submitResponses(input: $input) {
      duplicate
      responses {
        id
        prompt
      }
    }
  }
`);
