import { graphql } from '../gql';

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        displayName
        role
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    logout
  }
`);
