import { graphql } from '../gql';

export const CensusPopulationsQuery = graphql(`
  query CensusPopulations($first: Int!, $after: String, $filter: CensusPopulationFilter) {
    censusPopulations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          category
          group
          population
          updatedAt
          area {
            id
            name
          }
        }
      }
    }
  }
`);

export const SetCensusPopulationsMutation = graphql(`
  mutation SetCensusPopulations($input: SetCensusPopulationsInput!) {
    setCensusPopulations(input: $input) {
      id
      group
      population
    }
  }
`);
