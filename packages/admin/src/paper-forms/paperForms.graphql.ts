import { graphql } from '../gql';

/** The areas to choose from when typing up "about you". */
export const TypeUpQuery = graphql(`
  query TypeUp {
    areas {
      ...CaptureAreaOption
    }
  }
`);

/** The printed sheet behind a typed code: refused beside the code field when unknown or used. */
export const PaperFormQuery = graphql(`
  query PaperForm($code: String!) {
    paperForm(code: $code) {
      code
      noticeVersion
      purposes
      session {
        id
        title
      }
    }
  }
`);

export const TypeUpPaperFormMutation = graphql(`
  mutation TypeUpPaperForm($input: TypeUpPaperFormInput!) {
    typeUpPaperForm(input: $input) {
      id
      code
    }
  }
`);
