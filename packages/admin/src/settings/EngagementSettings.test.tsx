import type { MockLink } from '@apollo/client/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { EngagementDetailsForm } from './EngagementDetailsForm';
import { NoticeVersions } from './NoticeVersions';
import { AddNoticeVersionMutation, UpdateEngagementMutation } from './settings.graphql';
import { ThresholdForm } from './ThresholdForm';

const refusal = (field: string, message: string) => ({
  errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }],
});

describe('ThresholdForm', () => {
  it('refuses a threshold outside 2 to 1,000 beside the field, and the message goes when it changes', async () => {
    renderWithProviders(<ThresholdForm threshold={10} />);
    const field = screen.getByLabelText('Suppression threshold');
    await userEvent.clear(field);
    await userEvent.type(field, '1');
    await userEvent.click(screen.getByRole('button', { name: 'Save threshold' }));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Enter a whole number from 2 to 1,000.'));
    expect(field).toHaveFocus();
    await userEvent.type(field, '5');
    expect(field).not.toHaveAccessibleDescription(expect.stringContaining('Enter a whole number'));
  });
});

describe('EngagementDetailsForm', () => {
  it("shows the server's refusal of an end before the start as a sentence beside the last day, until it changes", async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: {
          query: UpdateEngagementMutation,
          variables: { input: { name: 'Listening 2026', startsOn: '2026-06-01', endsOn: '2026-05-01' } },
        },
        result: refusal('endsOn', 'endsOn must not be before startsOn'),
      },
    ];
    renderWithProviders(
      <EngagementDetailsForm engagement={{ name: 'Listening 2026', startsOn: '2026-06-01', endsOn: '2026-09-30' }} />,
      { mocks },
    );
    const end = screen.getByLabelText('Last day of listening');
    await userEvent.clear(end);
    await userEvent.type(end, '2026-05-01');
    await userEvent.click(screen.getByRole('button', { name: 'Save name and period' }));
    expect(await screen.findByText('The last day must not be before the first day')).toBeInTheDocument();
    expect(end).toHaveAccessibleDescription(expect.stringContaining('The last day must not be before the first day'));
    await userEvent.clear(end);
    expect(screen.queryByText('The last day must not be before the first day')).not.toBeInTheDocument();
  });
});

describe('NoticeVersions', () => {
  it('marks the newest version current, and shows the refusal of a listed one beside the field', async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: AddNoticeVersionMutation, variables: { version: 'V1' } },
        result: refusal('version', 'this privacy-notice version is already listed'),
      },
    ];
    renderWithProviders(<NoticeVersions versions={['v1', '2026-07']} />, { mocks });
    const list = screen.getByRole('list', { name: 'Privacy-notice versions, oldest first' });
    expect(list).toHaveTextContent('v12026-07(current)');
    const field = screen.getByLabelText('New version');
    await userEvent.type(field, 'V1');
    await userEvent.click(screen.getByRole('button', { name: 'Add version' }));
    expect(await screen.findByText('This privacy-notice version is already listed')).toBeInTheDocument();
    expect(field).toHaveFocus();
  });
});
