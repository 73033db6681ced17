import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { EraseParticipantModal } from './EraseParticipant';
import { EraseParticipantMutation, ParticipantErasureImpactQuery } from './participants.graphql';

const ID = '3f6c2a10-5b7e-4c1d-9a2b-000000000042';
const CODE = 'KX7HQM';

const IMPACT: MockLink.MockedResponse = {
  request: { query: ParticipantErasureImpactQuery, variables: { id: ID } },
  result: {
    data: {
      participant: {
        __typename: 'Participant',
        id: ID,
        erasureImpact: { __typename: 'ErasureImpact', responses: 4, codings: 2, quotes: 0 },
      },
    },
  },
};
const RECEIPT = {
  __typename: 'ErasureReceipt',
  erasedAt: '2026-09-20T10:00:00.000Z',
  responsesDeleted: 4,
  codingsDeleted: 2,
  quotesDeleted: 0,
};

function renderModal(mocks: MockLink.MockedResponse[]) {
  const onErased = vi.fn();
  renderWithProviders(
    <EraseParticipantModal participantId={ID} code={CODE} opened onClose={vi.fn()} onErased={onErased} />,
    { mocks },
  );
  return { onErased };
}

const confirmBox = () => screen.getByLabelText(`Type the participant code ${CODE} to confirm`, { exact: false });
const erase = () => userEvent.click(screen.getByRole('button', { name: 'Erase permanently' }));

describe('EraseParticipantModal', () => {
  it('says exactly what will be deleted', async () => {
    renderModal([IMPACT]);
    expect(await screen.findByText(/This deletes 4 responses, 2 codings and 0 quotes/)).toHaveTextContent(
      'This cannot be undone',
    );
  });

  it('erases nothing until the code is typed', async () => {
    const mutation = vi.fn(() => ({ data: { eraseParticipant: RECEIPT } }));
    const { onErased } = renderModal([
      IMPACT,
      { request: { query: EraseParticipantMutation, variables: { id: ID } }, result: mutation },
    ]);
    await screen.findByText(/This deletes/);

    await erase();
    expect(confirmBox()).toHaveAccessibleDescription(expect.stringContaining(`Type ${CODE} to confirm`));
    expect(confirmBox()).toHaveFocus();

    await userEvent.type(confirmBox(), 'KX7HQN');
    await erase();
    expect(confirmBox()).toHaveAccessibleDescription(expect.stringContaining(`Type ${CODE} to confirm`));
    expect(mutation).not.toHaveBeenCalled();
    expect(onErased).not.toHaveBeenCalled();
  });

  it('erases once the code is typed, in any case and spacing', async () => {
    const { onErased } = renderModal([
      IMPACT,
      {
        request: { query: EraseParticipantMutation, variables: { id: ID } },
        result: { data: { eraseParticipant: RECEIPT } },
      },
    ]);
    await screen.findByText(/This deletes/);
    await userEvent.type(confirmBox(), 'kx7 hqm');
    await erase();
    await expect.poll(() => onErased.mock.calls.length).toBe(1);
    expect(onErased).toHaveBeenCalledWith(
      expect.objectContaining({ responsesDeleted: 4, codingsDeleted: 2, quotesDeleted: 0 }),
    );
  });
});
