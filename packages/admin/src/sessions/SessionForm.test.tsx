import { CombinedGraphQLErrors } from '@apollo/client';
import { LIMITS, Role, SessionFormat } from '@chorus/shared';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session';
import { makeFragmentData } from '../gql';
import { renderWithProviders } from '../test/render';
import { dateTimeInputToIso, isoToDateTimeInput } from './localTime';
import NewSessionPage from './NewSessionPage';
import {
  SessionForm,
  SessionFormChoicesFragment,
  SessionFormValuesFragment,
  type FindDuplicates,
  type SessionInput,
} from './SessionForm';
import { CreateSessionMutation, DuplicateSessionsQuery, NewSessionQuery } from './sessions.graphql';

const AREA = { id: '7d0c2f9e-1111-4b6a-9d7e-000000000001', name: 'Burslem' };
const ORGANISATION = { id: '7d0c2f9e-2222-4b6a-9d7e-000000000002', name: 'North Staffs Young Carers' };
const FACILITATOR = {
  id: '7d0c2f9e-3333-4b6a-9d7e-000000000003',
  displayName: 'Farah Hussain',
  role: Role.FACILITATOR,
  disabledAt: null,
};
const ENGAGEMENT = { id: 'engagement', startsOn: '2026-06-01', endsOn: '2026-09-30' };
const CHOICES = {
  engagement: ENGAGEMENT,
  areas: [AREA],
  organisations: { edges: [{ node: ORGANISATION }] },
  users: { edges: [{ node: FACILITATOR }] },
};

function renderForm(
  onSubmit: (input: SessionInput) => void = () => {},
  error?: unknown,
  findDuplicates?: FindDuplicates,
) {
  return renderWithProviders(
    <SessionForm
      choices={makeFragmentData(CHOICES, SessionFormChoicesFragment)}
      submitLabel="Plan session"
      saving={false}
      error={error}
      cancelTo="/sessions"
      onSubmit={onSubmit}
      findDuplicates={findDuplicates}
    />,
  );
}

const field = (label: RegExp) => screen.getByLabelText(label);
const submit = () => userEvent.click(screen.getByRole('button', { name: 'Plan session' }));
// jsdom has no date-time picker to type into: set the value as the picker would.
const setDateTime = (label: RegExp, value: string) => fireEvent.change(field(label), { target: { value } });

const EDITED = {
  id: 'session-1',
  title: 'Summer listening workshop',
  format: SessionFormat.WORKSHOP,
  startsAt: '2026-06-14T09:00:00Z',
  endsAt: null,
  venue: 'Burslem Library',
  audience: null,
  headcount: null,
  area: { id: AREA.id },
  organisation: null,
};

async function fillRequired(title = 'Summer listening workshop') {
  await userEvent.click(field(/^Title/));
  await userEvent.paste(title);
  await userEvent.selectOptions(field(/^Format/), 'WORKSHOP');
  setDateTime(/^Starts/, '2026-06-14T10:00');
}

describe('SessionForm', () => {
  beforeEach(() => {
    session.signIn('token', '2099-01-01T00:00:00Z', {
      id: 'coordinator',
      email: 'coordinator@chorus.local',
      displayName: 'Jo Bennett',
      role: Role.COORDINATOR,
    });
  });
  afterEach(() => session.signOut());

  it('names each missing required field beside it, moves focus to the first, and sends nothing', async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    await submit();
    expect(field(/^Title/)).toHaveAccessibleDescription(/Enter a title/);
    expect(field(/^Format/)).toHaveAccessibleDescription(/Choose a format/);
    expect(field(/^Starts/)).toHaveAccessibleDescription(/Enter the date and time it starts/);
    expect(field(/^Title/)).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses an end before the start', async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    await fillRequired();
    setDateTime(/^Ends/, '2026-06-14T09:00');
    await submit();
    expect(field(/^Ends/)).toHaveAccessibleDescription(/It cannot end before it starts/);
    expect(field(/^Ends/)).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it(`refuses a title longer than ${LIMITS.nameLength} characters`, async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    await fillRequired('x'.repeat(LIMITS.nameLength + 1));
    await submit();
    expect(field(/^Title/)).toHaveAccessibleDescription(/Keep the title to 200 characters or fewer/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends a complete session as the server takes it', async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    await fillRequired('  Summer listening workshop  ');
    setDateTime(/^Ends/, '2026-06-14T12:00');
    await userEvent.selectOptions(field(/^Area/), AREA.id);
    await userEvent.type(field(/^Venue/), 'Burslem Library');
    await userEvent.selectOptions(field(/^Organisation/), ORGANISATION.id);
    await userEvent.click(screen.getByRole('combobox', { name: /^Facilitators/ }));
    await userEvent.click(await screen.findByRole('option', { name: /Farah Hussain/, hidden: true }));
    await submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
      title: 'Summer listening workshop',
      format: SessionFormat.WORKSHOP,
      startsAt: dateTimeInputToIso('2026-06-14T10:00'),
      endsAt: dateTimeInputToIso('2026-06-14T12:00'),
      areaId: AREA.id,
      venue: 'Burslem Library',
      audience: null,
      organisationId: ORGANISATION.id,
      facilitatorIds: [FACILITATOR.id],
    });
  });

  it('when editing, sends the headcount and leaves unchanged facilitators alone', async () => {
    const onSubmit = vi.fn();
    const current = {
      id: 'session-1',
      title: 'Summer listening workshop',
      format: SessionFormat.WORKSHOP,
      startsAt: '2026-06-14T09:00:00Z',
      endsAt: null,
      venue: 'Burslem Library',
      audience: null,
      headcount: null,
      area: { id: AREA.id },
      organisation: null,
      facilitators: [{ id: FACILITATOR.id, displayName: FACILITATOR.displayName, role: FACILITATOR.role }],
    };
    renderWithProviders(
      <SessionForm
        choices={makeFragmentData(CHOICES, SessionFormChoicesFragment)}
        session={makeFragmentData(current, SessionFormValuesFragment)}
        submitLabel="Save changes"
        saving={false}
        cancelTo="/sessions/session-1"
        onSubmit={onSubmit}
      />,
    );
    expect(field(/^Title/)).toHaveValue(current.title);
    await userEvent.type(field(/^Headcount/), '23');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
      title: current.title,
      format: SessionFormat.WORKSHOP,
      startsAt: dateTimeInputToIso(isoToDateTimeInput(current.startsAt)),
      endsAt: null,
      areaId: AREA.id,
      venue: current.venue,
      audience: null,
      organisationId: null,
      headcount: 23,
    });
  });

  it('Enter in the facilitator picker picks the match and never submits the form', async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit);
    await fillRequired();
    await userEvent.type(screen.getByRole('combobox', { name: /^Facilitators/ }), 'Farah{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    await submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ facilitatorIds: [FACILITATOR.id] }));
  });

  it.each([
    ['-5', 'a negative headcount'],
    ['10001', 'a headcount over 10,000'],
  ])('refuses %s (%s) beside the field and sends nothing', async (typed) => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <SessionForm
        choices={makeFragmentData(CHOICES, SessionFormChoicesFragment)}
        session={makeFragmentData({ ...EDITED, facilitators: [] }, SessionFormValuesFragment)}
        submitLabel="Save changes"
        saving={false}
        cancelTo="/sessions/session-1"
        onSubmit={onSubmit}
      />,
    );
    await userEvent.type(field(/^Headcount/), typed);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(field(/^Headcount/)).toHaveAccessibleDescription(/Enter a whole number from 0 to 10,000/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the server's objection beside the field it names", () => {
    const error = new CombinedGraphQLErrors({
      errors: [{ message: 'Area not found', extensions: { code: 'NOT_FOUND', field: 'areaId' } }],
    });
    renderForm(undefined, error);
    expect(field(/^Area/)).toHaveAccessibleDescription(/Area not found/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('warnings before saving', () => {
  beforeEach(() => {
    session.signIn('token', '2099-01-01T00:00:00Z', {
      id: 'coordinator',
      email: 'coordinator@chorus.local',
      displayName: 'Jo Bennett',
      role: Role.COORDINATOR,
    });
  });
  afterEach(() => session.signOut());

  it('asks before saving a session like one already planned, and saves only on "Plan session anyway"', async () => {
    const onSubmit = vi.fn();
    const twin = { id: 'twin', title: 'Summer listening workshop', startsAt: '2026-06-14T09:00:00Z' };
    const findDuplicates = vi.fn<FindDuplicates>().mockResolvedValue([twin]);
    renderForm(onSubmit, undefined, findDuplicates);
    await fillRequired();
    await userEvent.selectOptions(field(/^Area/), AREA.id);
    await submit();
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('“Summer listening workshop” is already planned for');
    expect(warning).toHaveFocus();
    expect(findDuplicates).toHaveBeenCalledWith({
      title: 'Summer listening workshop',
      startsAt: dateTimeInputToIso('2026-06-14T10:00'),
      areaId: AREA.id,
      exceptId: null,
    });
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Plan session anyway' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  it('asks afresh once the session is changed', async () => {
    const onSubmit = vi.fn();
    const findDuplicates = vi
      .fn<FindDuplicates>()
      .mockResolvedValueOnce([{ id: 'twin', title: 'Summer listening workshop', startsAt: '2026-06-14T09:00:00Z' }])
      .mockResolvedValueOnce([]);
    renderForm(onSubmit, undefined, findDuplicates);
    await fillRequired();
    await submit();
    await screen.findByRole('alert');
    await userEvent.type(field(/^Title/), ' II');
    expect(screen.queryByRole('alert')).toBeNull();
    await submit();
    await expect.poll(() => onSubmit.mock.calls.length).toBe(1);
    expect(findDuplicates).toHaveBeenCalledTimes(2);
  });

  it('warns of a start outside the listening period, saying when the period ends', async () => {
    const onSubmit = vi.fn();
    renderForm(onSubmit, undefined, vi.fn<FindDuplicates>().mockResolvedValue([]));
    await fillRequired();
    setDateTime(/^Starts/, '2026-10-02T10:00');
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'It starts on 2 Oct 2026, after the listening period ends (30 Sept 2026).',
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Plan session anyway' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});

describe('NewSessionPage', () => {
  beforeEach(() => {
    session.signIn('token', '2099-01-01T00:00:00Z', {
      id: 'partner',
      email: 'partner@chorus.local',
      displayName: 'Grace Adeyemi',
      role: Role.PARTNER,
    });
  });
  afterEach(() => session.signOut());

  it("plans a partner's session without offering organisations or facilitators, then opens it", async () => {
    const input = {
      title: 'Carers’ coffee morning',
      format: SessionFormat.CONVERSATION,
      startsAt: dateTimeInputToIso('2026-07-02T10:30'),
      endsAt: null,
      areaId: null,
      venue: null,
      audience: 'Young carers',
    };
    const mocks = [
      {
        request: { query: NewSessionQuery, variables: { withOrganisations: false, withFacilitators: false } },
        result: {
          data: { engagement: { __typename: 'Engagement', ...ENGAGEMENT }, areas: [{ __typename: 'Area', ...AREA }] },
        },
      },
      {
        request: {
          query: DuplicateSessionsQuery,
          variables: { title: input.title, startsAt: input.startsAt, areaId: null, exceptId: null },
        },
        result: { data: { duplicateSessions: [] } },
      },
      {
        request: { query: CreateSessionMutation, variables: { input } },
        result: { data: { createSession: { __typename: 'Session', id: 'new-session', title: input.title } } },
      },
    ];
    renderWithProviders(
      <Routes>
        <Route path="/sessions/new" element={<NewSessionPage />} />
        <Route path="/sessions/:id" element={<p>Opened the new session</p>} />
      </Routes>,
      { mocks, route: '/sessions/new' },
    );
    const form = await screen.findByRole('form', { name: 'Plan session' });
    expect(within(form).queryByLabelText(/^Organisation/)).not.toBeInTheDocument();
    expect(within(form).queryByRole('combobox', { name: /^Facilitators/ })).not.toBeInTheDocument();
    expect(within(form).queryByLabelText(/^Headcount/)).not.toBeInTheDocument();
    await userEvent.type(field(/^Title/), input.title);
    await userEvent.selectOptions(field(/^Format/), 'CONVERSATION');
    setDateTime(/^Starts/, '2026-07-02T10:30');
    await userEvent.type(field(/^Audience/), input.audience);
    await submit();
    expect(await screen.findByText('Opened the new session')).toBeInTheDocument();
  });
});
