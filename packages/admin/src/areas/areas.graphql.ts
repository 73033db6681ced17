import { graphql } from '../gql';

export const AreaFieldsFragment = graphql(`
  fragment AreaFields on Area {
    id
    name
    code
    kind
    population
  }
`);

export const AreasListQuery = graphql(`
  query AreasList {
    areas {
      ...AreaFields
    }
  }
`);

export const CreateAreaMutation = graphql(`
  mutation CreateArea($input: CreateAreaInput!) {
    createArea(input: $input) {
      id
      name
      ...AreaFields
    }
  }
`);

export const UpdateAreaMutation = graphql(`
  mutation UpdateArea($id: ID!, $input: UpdateAreaInput!) {
    updateArea(id: $id, input: $input) {
      id
      name
      ...AreaFields
    }
  }
`);
