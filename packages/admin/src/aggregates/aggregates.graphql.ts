import { graphql } from '../gql';

// Only fields a council key may read, so the preview is exactly what such a key is sent.
export const ThemeSummaryPreviewQuery = graphql(`
  query ThemeSummaryPreview($filter: AggregateFilter) {
    themeSummary(filter: $filter) {
      threshold
      totalResponses
      totalParticipants
      themes {
        theme {
          id
        }
      }
      ...ThemeSummaryTable
    }
  }
`);

export const AggregateFilterChoicesQuery = graphql(`
  query AggregateFilterChoices {
    areas {
      id
      name
    }
    engagement {
      id
      startsOn
      endsOn
    }
  }
`);
