import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SignInForm } from './SignInForm';
import { SignInMutation } from './auth.graphql';

describe('SignInForm', () => {
  it('names each missing field beside it and sends nothing', async () => {
    renderWithProviders(<SignInForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
  });

  it("shows the server's refusal above the form", async () => {
    const mocks = [
      {
        request: { query: SignInMutation, variables: { email: 'a@b.org', password: 'wrong-password' } },
        result: { errors: [{ message: 'Email or password is wrong', extensions: { code: 'UNAUTHENTICATED' } }] },
      },
    ];
    renderWithProviders(<SignInForm />, { mocks });
    await userEvent.type(screen.getByLabelText(/Email/), 'a@b.org');
    await userEvent.type(screen.getByLabelText(/^Password/), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong');
  });
});
