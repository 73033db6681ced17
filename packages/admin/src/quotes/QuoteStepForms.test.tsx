import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ApproveQuoteMutation, DeidentifyQuoteMutation } from './quotes.graphql';
import { ApproveForm, DeidentifyForm } from './QuoteStepForms';

const ID = '3f6c2a10-5b7e-4c1d-9a2b-000000000042';
const QUOTE = {
  id: ID,
  excerpt: 'I love the market on Saturdays',
  publishedText: null,
  describedBy: [],
  attributedName: null,
  consent: { groupNotes: false, named: false },
  descriptionCheck: { belowThreshold: true },
};

const refusal = (field: string, message: string) => ({
  errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } })],
});

describe('ApproveForm', () => {
  it('asks for the description risk to be accepted, and shows the refusal beside that box', async () => {
    const onDone = vi.fn();
    renderWithProviders(<ApproveForm quote={QUOTE} onDone={onDone} />, {
      mocks: [
        {
          request: { query: ApproveQuoteMutation, variables: { id: ID, acceptDescriptionRisk: false } },
          result: refusal('acceptDescriptionRisk', 'Fewer than 10 participants match the description'),
        },
      ],
    });
    const box = screen.getByRole('checkbox', { name: /I accept the risk that it singles someone out/ });
    expect(box).not.toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Approve quote' }));
    expect(await screen.findByText('Fewer than 10 participants match the description')).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(/Fewer than 10 participants/);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('offers no risk box when the description is shared widely', () => {
    renderWithProviders(
      <ApproveForm quote={{ ...QUOTE, descriptionCheck: { belowThreshold: false } }} onDone={vi.fn()} />,
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe('DeidentifyForm', () => {
  it('starts from the passage, sends the attributes chosen, and says when it is saved', async () => {
    const onDone = vi.fn();
    const sent = vi.fn(() => ({ data: { deidentifyQuote: { __typename: 'Quote', id: ID, status: 'DEIDENTIFIED' } } }));
    const input = {
      id: ID,
      publishedText: 'I love the market [in town]',
      describeBy: ['CONNECTION'],
      attributedName: null,
    };
    const mocks: MockLink.MockedResponse[] = [
      { request: { query: DeidentifyQuoteMutation, variables: { input } }, result: sent },
    ];
    renderWithProviders(<DeidentifyForm quote={QUOTE} onDone={onDone} />, { mocks });
    const text = screen.getByRole('textbox', { name: 'Published text' });
    expect(text).toHaveValue('I love the market on Saturdays');
    expect(screen.queryByRole('textbox', { name: 'Name to attribute it to' })).toBeNull();
    await userEvent.clear(text);
    await userEvent.type(text, 'I love the market [[in town]');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Age band' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Area' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save published copy' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith('Published copy saved.'));
    expect(sent).toHaveBeenCalledOnce();
  });

  it("shows the server's refusal of the text beside it", async () => {
    const input = {
      id: ID,
      publishedText: 'I hate the market',
      describeBy: ['AGE_BAND', 'CONNECTION', 'AREA'],
      attributedName: null,
    };
    renderWithProviders(<DeidentifyForm quote={QUOTE} onDone={vi.fn()} />, {
      mocks: [
        {
          request: { query: DeidentifyQuoteMutation, variables: { input } },
          result: refusal('publishedText', 'publishedText is not an edited copy of the passage'),
        },
      ],
    });
    const text = screen.getByRole('textbox', { name: 'Published text' });
    await userEvent.clear(text);
    await userEvent.type(text, 'I hate the market');
    await userEvent.click(screen.getByRole('button', { name: 'Save published copy' }));
    await vi.waitFor(() =>
      expect(text).toHaveAccessibleDescription(expect.stringContaining('Is not an edited copy of the passage')),
    );
  });

  it('offers a name only when the person agreed to be named', () => {
    renderWithProviders(
      <DeidentifyForm quote={{ ...QUOTE, consent: { groupNotes: false, named: true } }} onDone={vi.fn()} />,
    );
    expect(screen.getByRole('textbox', { name: 'Name to attribute it to' })).toBeInTheDocument();
  });
});
