import { Prompt } from '@chorus/shared';
import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import type { SubmitResponsesMutationVariables } from '../gql/graphql';
import { renderWithProviders } from '../test/render';
import { SubmitResponsesMutation } from './capture.graphql';
import { CaptureSpeakerFragment, ResponsesForm } from './ResponsesForm';
import { draftStorageKey } from '../common/drafts';
import { useCaptureDraft } from './useCaptureDraft';

// jsdom lays nothing out; Mantine's Select scrolls its highlighted option into view.
if (typeof Element.prototype.scrollIntoView !== 'function') Element.prototype.scrollIntoView = () => {};

const SESSION = '5b0c2f0e-8d2a-4c55-9a57-3f1b7c1e0a01';
const PARTICIPANT = '0f6f2c1a-54b4-4b0e-a3f4-9a4f6f3f7e22';
const SPEAKERS = [makeFragmentData({ id: PARTICIPANT, code: 'K7PQ3M' }, CaptureSpeakerFragment)];

function Capture() {
  const draft = useCaptureDraft(SESSION, 'user-1');
  const firstTextarea = useRef<HTMLTextAreaElement>(null);
  return <ResponsesForm draft={draft} speakers={SPEAKERS} speakerTotal={1} firstTextareaRef={firstTextarea} />;
}

/** Starts with the participant already chosen as the speaker, as after registering them. */
function renderCapture(mocks: MockLink.MockedResponse[] = []) {
  sessionStorage.setItem(
    draftStorageKey(SESSION),
    JSON.stringify({ userId: 'user-1', speaker: PARTICIPANT, texts: {}, pending: null }),
  );
  renderWithProviders(<Capture />, { mocks });
}

const box = (name: string) => screen.getByRole('textbox', { name });
const stored = (responses: number) => ({
  data: {
    submitResponses: {
      __typename: 'SubmitResponsesPayload',
      duplicate: false,
      responses: Array.from({ length: responses }, (_, i) => ({
        __typename: 'Response',
        id: `r-${i}`,
        prompt: Prompt.VALUES,
      })),
    },
  },
});

afterEach(() => sessionStorage.clear());

describe('ResponsesForm', () => {
  it('saves the non-empty prompts as one batch on Ctrl+Enter, then clears and returns to the first box', async () => {
    const sent: SubmitResponsesMutationVariables[] = [];
    renderCapture([
      {
        request: {
          query: SubmitResponsesMutation,
          variables: (variables: SubmitResponsesMutationVariables) => (sent.push(variables), true),
        },
        result: stored(2),
      },
    ]);
    await userEvent.type(box('What people value'), 'Neighbours who look out for you');
    await userEvent.type(box('The future'), 'Shops open again on the high street');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByText(/Saved 2 responses/)).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.input.responses).toEqual([
      { participantId: PARTICIPANT, prompt: Prompt.VALUES, text: 'Neighbours who look out for you' },
      { participantId: PARTICIPANT, prompt: Prompt.FUTURE, text: 'Shops open again on the high street' },
    ]);
    expect(box('What people value')).toHaveValue('');
    expect(box('The future')).toHaveValue('');
    expect(box('What people value')).toHaveFocus();
  });

  it('after a dropped connection, sends the very same batch and key again', async () => {
    const sent: SubmitResponsesMutationVariables[] = [];
    const record = (variables: SubmitResponsesMutationVariables) => (sent.push(variables), true);
    renderCapture([
      { request: { query: SubmitResponsesMutation, variables: record }, error: new TypeError('Failed to fetch') },
      { request: { query: SubmitResponsesMutation, variables: record }, result: stored(1) },
    ]);
    await userEvent.type(box('Challenges'), 'Buses stop at six');
    await userEvent.click(screen.getByRole('button', { name: 'Save responses' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Chorus could not be reached');
    expect(box('Challenges')).toHaveAttribute('readonly');

    await userEvent.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText(/Saved 1 response/)).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it("puts the server's refusal beside the prompt it names, and takes a new key after", async () => {
    const sent: SubmitResponsesMutationVariables[] = [];
    const record = (variables: SubmitResponsesMutationVariables) => (sent.push(variables), true);
    renderCapture([
      {
        request: { query: SubmitResponsesMutation, variables: record },
        result: {
          errors: [
            {
              message: 'Must not be empty',
              extensions: { code: 'BAD_USER_INPUT', field: 'responses.1.text' },
            },
          ],
        },
      },
      { request: { query: SubmitResponsesMutation, variables: record }, result: stored(2) },
    ]);
    await userEvent.type(box('What people value'), 'The parks');
    await userEvent.type(box('Belonging'), 'The football club');
    await userEvent.click(screen.getByRole('button', { name: 'Save responses' }));

    expect(await screen.findByText('Must not be empty')).toBeInTheDocument();
    expect(box('Belonging')).toHaveAccessibleDescription(expect.stringContaining('Must not be empty'));
    expect(box('Belonging')).not.toHaveAttribute('readonly');

    await userEvent.type(box('Belonging'), ' on Saturdays');
    await userEvent.click(screen.getByRole('button', { name: 'Save responses' }));
    expect(await screen.findByText(/Saved 2 responses/)).toBeInTheDocument();
    expect(sent[1]!.input.idempotencyKey).not.toBe(sent[0]!.input.idempotencyKey);
  });

  it('asks for something to save, and for who is speaking, before sending anything', async () => {
    renderWithProviders(<Capture />);
    await userEvent.click(screen.getByRole('button', { name: 'Save responses' }));
    expect(screen.getByRole('combobox', { name: /Who is speaking/ })).toHaveAccessibleDescription(
      expect.stringContaining('Choose who is speaking'),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Type at least one response');
    expect(screen.getByRole('combobox', { name: /Who is speaking/ })).toHaveFocus();
  });

  it('brings back unsent work after a reload, and can discard it after asking', async () => {
    sessionStorage.setItem(
      draftStorageKey(SESSION),
      JSON.stringify({
        userId: 'user-1',
        speaker: PARTICIPANT,
        texts: { [Prompt.VALUES]: 'Half typed' },
        pending: null,
      }),
    );
    renderWithProviders(<Capture />);
    expect(screen.getByText('Unsent work restored')).toBeInTheDocument();
    expect(box('What people value')).toHaveValue('Half typed');

    await userEvent.click(screen.getByRole('button', { name: 'Discard unsent work' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(box('What people value')).toHaveValue('');
    expect(sessionStorage.getItem(draftStorageKey(SESSION))).toBeNull();
  });
});
