import { graphql } from '../gql';

export const OverviewQuery = graphql(`
  query Overview {
    overview {
      sessionsHeld
      sessionsPlanned
      participants
      responses
      codedShare
      responsesByPrompt {
        prompt
        responses
      }
      sessionsThisWeek {
        ...ThisWeekSession
      }
      reach {
        ...AreaReachBar
      }
      threshold
      reachByChannel {
        ...ChannelReachRow
      }
    }
  }
`);
