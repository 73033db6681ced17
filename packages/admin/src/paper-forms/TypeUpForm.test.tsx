import { isDeepStrictEqual } from 'node:util';
import { CityConnection, ConsentPurpose, Prompt } from '@chorus/shared';
import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CaptureAreaOptionFragment } from '../capture/RegisterParticipantForm';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { PaperFormQuery, TypeUpPaperFormMutation } from './paperForms.graphql';
import { TypeUpForm } from './TypeUpForm';

const AREAS = [
  makeFragmentData({ id: '7d1c0c57-55d4-4d0f-9a8e-1c2b3d4e5f60', name: 'Burslem' }, CaptureAreaOptionFragment),
];
const PURPOSES = [ConsentPurpose.PARTICIPATION, ConsentPurpose.QUOTE, ConsentPurpose.SPECIAL_CATEGORY_DATA];

const found = (code: string): MockLink.MockedResponse => ({
  request: { query: PaperFormQuery, variables: { code } },
  result: {
    data: {
      paperForm: {
        __typename: 'PaperForm',
        code: 'K7QM2P',
        noticeVersion: '2026-07',
        purposes: PURPOSES,
        session: { __typename: 'Session', id: 's-1', title: 'Market stall, 14 June' },
      },
    },
  },
});

const refused = (code: string, message: string, errorCode = 'BAD_USER_INPUT'): MockLink.MockedResponse => ({
  request: { query: PaperFormQuery, variables: { code } },
  result: { errors: [new GraphQLError(message, { extensions: { code: errorCode, field: 'code' } })] },
});

/** Matches the expected input whatever idempotency key the form generated (there must be one). */
function typedUp(input: Record<string, unknown>): MockLink.MockedResponse {
  return {
    request: {
      query: TypeUpPaperFormMutation,
      variables: ({ input: sent }: { input: Record<string, unknown> }) => {
        const { idempotencyKey, ...rest } = sent;
        return typeof idempotencyKey === 'string' && idempotencyKey.length > 0 && isDeepStrictEqual(rest, input);
      },
    },
    result: { data: { typeUpPaperForm: { __typename: 'Participant', id: 'p-1', code: 'K7QM2P' } } },
  };
}

const codeField = () => screen.getByRole('textbox', { name: /^Code on the form/ });

async function findForm(code = 'k7qm2p') {
  await userEvent.type(codeField(), `${code}{Enter}`);
}

describe('TypeUpForm', () => {
  it('starts in the code field and refuses an unknown code beside it', async () => {
    renderWithProviders(<TypeUpForm areas={AREAS} />, {
      mocks: [refused('ZZZZZZ', 'No printed form has this code', 'NOT_FOUND')],
    });
    expect(codeField()).toHaveFocus();
    await findForm('ZZZZZZ');
    expect(await screen.findByText('No printed form has this code')).toBeInTheDocument();
    expect(codeField()).toHaveAccessibleDescription(expect.stringContaining('No printed form has this code'));
    expect(codeField()).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Save form' })).not.toBeInTheDocument();
  });

  it('refuses a code already typed up beside the field', async () => {
    renderWithProviders(<TypeUpForm areas={AREAS} />, {
      mocks: [refused('K7QM2P', 'This form has already been typed up')],
    });
    await findForm('K7QM2P');
    expect(await screen.findByText('This form has already been typed up')).toBeInTheDocument();
    expect(codeField()).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks for the participation box before sending anything, and moves focus to it', async () => {
    renderWithProviders(<TypeUpForm areas={AREAS} />, { mocks: [found('k7qm2p')] });
    await findForm();
    const first = await screen.findByRole('textbox', { name: 'Question 1: What people value' });
    expect(first).toHaveFocus();
    await userEvent.type(first, 'The park');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Lives here' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save form' }));
    expect(screen.getByRole('group', { name: 'Consent boxes ticked on the form' })).toHaveAccessibleDescription(
      expect.stringContaining('Nothing is kept from a form without'),
    );
    expect(screen.getByRole('checkbox', { name: 'Take part (required)' })).toHaveFocus();
  });

  it('offers only the boxes the sheet printed, with its notice version', async () => {
    renderWithProviders(<TypeUpForm areas={AREAS} />, { mocks: [found('k7qm2p')] });
    await findForm();
    const boxes = await screen.findByRole('group', { name: 'Consent boxes ticked on the form' });
    expect(boxes).toHaveAccessibleDescription(expect.stringContaining('Notice version 2026-07 printed'));
    expect(screen.getAllByRole('checkbox', { name: /Take part|quoted|sensitive|named|contacted/ })).toHaveLength(3);
    expect(screen.queryByRole('checkbox', { name: 'Be contacted again' })).not.toBeInTheDocument();
  });

  it('sends the boxes exactly as ticked with the answers, then returns to the code for the next form', async () => {
    renderWithProviders(<TypeUpForm areas={AREAS} />, {
      mocks: [
        found('k7qm2p'),
        typedUp({
          code: 'K7QM2P',
          ticked: [ConsentPurpose.PARTICIPATION, ConsentPurpose.SPECIAL_CATEGORY_DATA],
          answers: [
            { prompt: Prompt.VALUES, text: 'The park' },
            { prompt: Prompt.FUTURE, text: 'More buses' },
          ],
          connections: [CityConnection.WORKS],
          areaId: null,
          ageBand: null,
          demographics: null,
        }),
      ],
    });
    await findForm();
    await userEvent.type(await screen.findByRole('textbox', { name: 'Question 1: What people value' }), 'The park');
    await userEvent.type(screen.getByRole('textbox', { name: 'Question 4: The future' }), 'More buses');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take part (required)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Share sensitive demographics' }));
    expect(screen.getByRole('combobox', { name: /^Ethnic group/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Works here' }));
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText(/The form with code K7QM2P is typed up/)).toBeInTheDocument();
    expect(codeField()).toHaveFocus();
    expect(codeField()).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Save form' })).not.toBeInTheDocument();
  });
});
