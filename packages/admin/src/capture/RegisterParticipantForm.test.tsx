import { isDeepStrictEqual } from 'node:util';
import { CityConnection, ConsentMethod, ConsentPurpose } from '@chorus/shared';
import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { RegisterParticipantMutation } from './capture.graphql';

/** Matches the expected input whatever idempotency key the form generated (there must be one). */
function withAnyIdempotencyKey(expected: { input: Record<string, unknown> }) {
  return ({ input }: { input: Record<string, unknown> }) => {
    const { idempotencyKey, ...rest } = input;
    return typeof idempotencyKey === 'string' && idempotencyKey.length > 0 && isDeepStrictEqual(rest, expected.input);
  };
}
import { CaptureAreaOptionFragment, RegisterParticipantForm } from './RegisterParticipantForm';

const SESSION = '5b0c2f0e-8d2a-4c55-9a57-3f1b7c1e0a01';
const AREAS = [
  makeFragmentData({ id: '7d1c0c57-55d4-4d0f-9a8e-1c2b3d4e5f60', name: 'Burslem' }, CaptureAreaOptionFragment),
];

function renderForm(mocks: MockLink.MockedResponse[] = []) {
  const onRegistered = vi.fn(() => true);
  renderWithProviders(
    <RegisterParticipantForm sessionId={SESSION} areas={AREAS} noticeVersion="2026-07" onRegistered={onRegistered} />,
    { mocks },
  );
  return { onRegistered };
}

const register = () => userEvent.click(screen.getByRole('button', { name: 'Register participant' }));

/** The consent decisions the form sends: every purpose, granted only where ticked. */
const consents = (granted: ConsentPurpose[], refused: ConsentPurpose[] = []) =>
  Object.values(ConsentPurpose)
    .filter((purpose) => granted.includes(purpose) || refused.includes(purpose))
    .map((purpose) => ({
      purpose,
      granted: granted.includes(purpose),
      method: ConsentMethod.VERBAL,
      noticeVersion: '2026-07',
    }));

describe('RegisterParticipantForm', () => {
  it('shows the notice version shown to the person', () => {
    renderForm();
    expect(screen.getByRole('group', { name: 'Consent' })).toHaveAccessibleDescription(
      expect.stringContaining('Notice version 2026-07 shown'),
    );
  });

  it('asks for a connection to the city beside that field, and moves focus there', async () => {
    renderForm();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await register();
    const connections = screen.getByRole('group', { name: 'Connection to the city' });
    expect(connections).toHaveAccessibleDescription(expect.stringContaining('Choose at least one connection'));
    expect(screen.getByRole('checkbox', { name: 'Lives here' })).toHaveFocus();
    expect(screen.queryByText(/Participant registered/)).not.toBeInTheDocument();
  });

  it('refuses to register without consent to take part, and explains why', async () => {
    renderForm();
    const button = screen.getByRole('button', { name: 'Register participant' });
    expect(button).toHaveAccessibleDescription(expect.stringContaining('Registering needs consent to take part'));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Lives here' }));
    await register();
    expect(screen.getByRole('group', { name: 'Consent' })).toHaveAccessibleDescription(
      expect.stringContaining('No one is registered without consent to take part'),
    );
    expect(screen.getByRole('checkbox', { name: 'Take part (required)' })).toHaveFocus();
    expect(screen.queryByText(/Participant registered/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    expect(button).not.toHaveAccessibleDescription(expect.stringContaining('Registering needs consent'));
  });

  it('offers contact details only once the person agrees to be contacted again', async () => {
    renderForm();
    expect(screen.queryByRole('textbox', { name: 'Email' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be contacted again' }));
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be contacted again' }));
    expect(screen.queryByRole('textbox', { name: 'Email' })).not.toBeInTheDocument();
  });

  it('asks ethnicity, religion and disability only once the person agrees to share them', async () => {
    renderForm();
    expect(screen.queryByRole('combobox', { name: /^Ethnic group/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Share sensitive demographics' }));
    expect(screen.getByRole('combobox', { name: /^Ethnic group/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Religion/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Disability/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Share sensitive demographics' }));
    expect(screen.queryByRole('combobox', { name: /^Ethnic group/ })).not.toBeInTheDocument();
  });

  it('checks the contact details it is given before sending them', async () => {
    renderForm();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Works here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be contacted again' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'not-an-email');
    await register();
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      expect.stringContaining('Enter an email address'),
    );
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveFocus();
  });

  it('records only the purposes asked: agreed as granted, declined as refused, the rest not at all', async () => {
    const { onRegistered } = renderForm([
      {
        request: {
          query: RegisterParticipantMutation,
          variables: withAnyIdempotencyKey({
            input: {
              sessionId: SESSION,
              connections: [CityConnection.LIVES],
              areaId: null,
              ageBand: null,
              consents: consents([ConsentPurpose.PARTICIPATION], [ConsentPurpose.ATTRIBUTION]),
              contact: null,
              demographics: null,
            },
          }),
        },
        result: { data: { registerParticipant: { __typename: 'Participant', id: 'p-2', code: 'Q4RT7N' } } },
      },
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Lives here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    // Ticked, then declined when asked again: the refusal replaces the agreement.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be named with their quotes' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Refused: Be named with their quotes' }));
    expect(screen.getByRole('checkbox', { name: 'Be named with their quotes' })).not.toBeChecked();
    await register();
    expect(await screen.findByTestId('participant-code')).toHaveTextContent('Q4RT7N');
    expect(onRegistered).toHaveBeenCalledOnce();
  });

  it('registers with every consent decision and shows the new code prominently', async () => {
    const { onRegistered } = renderForm([
      {
        request: {
          query: RegisterParticipantMutation,
          variables: withAnyIdempotencyKey({
            input: {
              sessionId: SESSION,
              connections: [CityConnection.LIVES, CityConnection.STUDIES],
              areaId: null,
              ageBand: null,
              consents: consents([ConsentPurpose.PARTICIPATION, ConsentPurpose.QUOTE]),
              contact: null,
              demographics: null,
            },
          }),
        },
        result: { data: { registerParticipant: { __typename: 'Participant', id: 'p-1', code: 'K7PQ3M' } } },
      },
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Lives here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Studies here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be quoted anonymously' }));
    await register();
    expect(await screen.findByTestId('participant-code')).toHaveTextContent('K7PQ3M');
    expect(screen.getByRole('status')).toHaveTextContent('Participant registered');
    expect(screen.getByRole('status')).toHaveTextContent('They are now chosen as the speaker');
    expect(onRegistered).toHaveBeenCalledWith({ __typename: 'Participant', id: 'p-1', code: 'K7PQ3M' });
    // Ready for the next person.
    expect(screen.getByRole('checkbox', { name: 'Lives here' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Take part (required)' })).not.toBeChecked();
  });

  it("shows the server's refusal beside the field it names", async () => {
    renderForm([
      {
        request: {
          query: RegisterParticipantMutation,
          variables: withAnyIdempotencyKey({
            input: {
              sessionId: SESSION,
              connections: [CityConnection.VOLUNTEERS],
              areaId: null,
              ageBand: null,
              consents: consents([ConsentPurpose.PARTICIPATION, ConsentPurpose.FOLLOW_UP_CONTACT]),
              contact: { name: null, email: null, phone: '+44 1782 000000' },
              demographics: null,
            },
          }),
        },
        result: {
          errors: [
            {
              message: 'Must be a phone number',
              extensions: { code: 'BAD_USER_INPUT', field: 'contact.phone' },
            },
          ],
        },
      },
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Volunteers here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Be contacted again' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Phone' }), '+44 1782 000000');
    await register();
    expect(await screen.findByText('Must be a phone number')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription(
      expect.stringContaining('Must be a phone number'),
    );
  });

  it('retries a registration whose answer was lost under the same key, so the person is registered once', async () => {
    const keys: unknown[] = [];
    const sameDetails = (variables: { input: Record<string, unknown> }) => {
      keys.push(variables.input.idempotencyKey);
      return true;
    };
    renderForm([
      { request: { query: RegisterParticipantMutation, variables: sameDetails }, error: new Error('Network error') },
      {
        request: { query: RegisterParticipantMutation, variables: sameDetails },
        result: { data: { registerParticipant: { __typename: 'Participant', id: 'p-2', code: 'Q4RT7W' } } },
      },
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Works here' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await register();
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await register();
    expect(await screen.findByTestId('participant-code')).toHaveTextContent('Q4RT7W');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
  });
});
