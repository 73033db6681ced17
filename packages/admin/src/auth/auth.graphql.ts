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
        mustChangePassword
      }
    }
  }
`);

// Sent with the token of a sign-in whose password an admin reset: that token may do nothing else.
export const SetNewPasswordMutation = graphql(`
  mutation SetNewPassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    logout
  }
`);
