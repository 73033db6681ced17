import type { MockLink } from '@apollo/client/testing';
import { ConsentPurpose, QuestionnaireSessionMode } from '@chorus/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ParticipantsListQuery } from '../participants/participants.graphql';
import { renderWithProviders } from '../test/render';
import {
  QuestionnaireSettingsQuery,
  SetQuestionnaireOpenMutation,
  SetQuestionnaireSessionModeMutation,
} from './questionnaire.graphql';
import QuestionnairePage from './QuestionnairePage';

const CHANGED = '2026-07-01T09:30:00.000Z';
const SESSION = { __typename: 'Session', id: '1b4c7a52-0000-4000-8000-000000000001', title: 'Questionnaire online' };

const settings = (open: boolean, sessionMode = QuestionnaireSessionMode.PER_CHANNEL): MockLink.MockedResponse => ({
  request: { query: QuestionnaireSettingsQuery },
  result: {
    data: {
      questionnaire: {
        __typename: 'Questionnaire',
        open,
        sessionMode,
        updatedAt: open ? CHANGED : null,
        sessions: open ? [SESSION] : [],
      },
    },
  },
});

const person = (n: number, createdAt: string) => ({
  __typename: 'Participant',
  id: `2c5d8b63-0000-4000-8000-00000000000${n}`,
  code: `K7QM${n}P`,
  ageBand: null,
  createdAt,
  session: SESSION,
  area: null,
  consents: [{ __typename: 'Consent', purpose: ConsentPurpose.PARTICIPATION, granted: true }],
});

const submissions = (people: ReturnType<typeof person>[], totalCount = people.length): MockLink.MockedResponse => ({
  request: { query: ParticipantsListQuery, variables: { filter: { questionnaire: true }, first: 25, after: null } },
  result: {
    data: {
      participants: {
        __typename: 'ParticipantConnection',
        totalCount,
        pageInfo: { __typename: 'PageInfo', hasNextPage: totalCount > people.length, endCursor: 'c1' },
        edges: people.map((node) => ({ __typename: 'ParticipantEdge', node })),
      },
    },
  },
});

describe('QuestionnairePage', () => {
  it('shows it closed with no submissions, and opens it on request', async () => {
    const mocks = [
      settings(false),
      submissions([]),
      {
        request: { query: SetQuestionnaireOpenMutation, variables: { open: true } },
        result: { data: { setQuestionnaireOpen: { __typename: 'Questionnaire', open: true } } },
      },
      settings(true),
    ];
    renderWithProviders(<QuestionnairePage />, { mocks });
    await screen.findByText('Closed');
    expect(screen.getByText('Its sessions are made when you open the questionnaire.')).toBeInTheDocument();
    expect(await screen.findByText('0')).toBeInTheDocument();
    expect(screen.getByText('Each resident who sends their answers appears here, newest first.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open the questionnaire' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The questionnaire is open.');
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /\/questionnaire$/ })).toHaveAttribute('href', '/questionnaire');
    expect(screen.getByRole('button', { name: 'Close the questionnaire' })).toBeInTheDocument();
    const filed = screen.getByRole('list', { name: 'Sessions it files answers under' });
    expect(within(filed).getByRole('link', { name: 'Questionnaire online' })).toHaveAttribute(
      'href',
      `/sessions/${SESSION.id}`,
    );
  });

  it('counts the submissions, names the latest, and lists them a page at a time', async () => {
    const people = [person(2, '2026-07-02T15:04:00.000Z'), person(1, '2026-07-01T10:00:00.000Z')];
    renderWithProviders(<QuestionnairePage />, { mocks: [settings(true), submissions(people, 27)] });
    expect(await screen.findByText('27')).toBeInTheDocument();
    expect(screen.getByText('submissions')).toBeInTheDocument();
    expect(screen.getByText(/^Latest /)).toHaveTextContent('2 Jul 2026');
    const table = screen.getByRole('table', { name: 'People who answered the questionnaire online, newest first' });
    expect(
      within(table)
        .getAllByRole('link', { name: /^K7QM\dP$/ })
        .map((link) => link.textContent),
    ).toEqual(['K7QM2P', 'K7QM1P']);
    const pager = screen.getByRole('navigation', { name: 'Submissions pages' });
    expect(within(pager).getByRole('button', { name: 'Next page' })).toBeEnabled();
  });

  it('files later answers per area once that is chosen and saved', async () => {
    const mocks = [
      settings(true),
      submissions([]),
      {
        request: {
          query: SetQuestionnaireSessionModeMutation,
          variables: { sessionMode: QuestionnaireSessionMode.PER_AREA },
        },
        result: {
          data: {
            setQuestionnaireSessionMode: {
              __typename: 'Questionnaire',
              sessionMode: QuestionnaireSessionMode.PER_AREA,
            },
          },
        },
      },
      settings(true, QuestionnaireSessionMode.PER_AREA),
    ];
    renderWithProviders(<QuestionnairePage />, { mocks });
    const save = await screen.findByRole('button', { name: 'Save how answers are filed' });
    expect(screen.getByRole('radio', { name: /One session for the whole questionnaire/ })).toBeChecked();
    expect(save).toBeDisabled();
    await userEvent.click(screen.getByRole('radio', { name: /One session per area/ }));
    await userEvent.click(save);
    expect(await screen.findByRole('status')).toHaveTextContent('Later answers are filed under one session per area.');
    expect(screen.getByRole('radio', { name: /One session per area/ })).toBeChecked();
  });
});
