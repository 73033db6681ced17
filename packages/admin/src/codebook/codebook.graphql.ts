import { graphql } from '../gql';

export const CodebookQuery = graphql(`
  query Codebook($withCounts: Boolean!) {
    themes {
      ...CodebookTheme
    }
  }
`);

/** The codebook as pickers need it: names and places in the tree. */
export const ThemeOptionsQuery = graphql(`
  query ThemeOptions {
    themes {
      id
      name
      parent {
        id
      }
    }
  }
`);

export const CreateThemeMutation = graphql(`
  mutation CreateTheme($input: CreateThemeInput!) {
    createTheme(input: $input) {
      id
      name
      description
      parent {
        id
      }
    }
  }
`);

export const UpdateThemeMutation = graphql(`
  mutation UpdateTheme($id: ID!, $input: UpdateThemeInput!) {
    updateTheme(id: $id, input: $input) {
      id
      name
      description
      parent {
        id
      }
    }
  }
`);

export const MergeThemesMutation = graphql(`
  mutation MergeThemes($sourceId: ID!, $targetId: ID!) {
    mergeThemes(sourceId: $sourceId, targetId: $targetId) {
      id
      name
    }
  }
`);
