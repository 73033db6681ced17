import { LIMITS, type SessionFormat, Permission } from '@chorus/shared';
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/useSession';
import { formErrors } from '../common/errors';
import { formatDate, formatDateTime, LABELS, options } from '../common/labels';
import { runAsync } from '../common/handle';
import { TYPE_TO_CHOOSE } from '../common/typeToChoose';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { CreateSessionInput, UpdateSessionInput } from '../gql/graphql';
import { dateTimeInputToIso, isoToDateTimeInput } from './localTime';

export const SessionFormChoicesFragment = graphql(`
  fragment SessionFormChoices on Query {
    engagement {
      id
      startsOn
      endsOn
    }
    areas {
      id
      name
    }
    organisations(first: 100) @include(if: $withOrganisations) {
      edges {
        node {
          id
          name
        }
      }
    }
    users(roles: [FACILITATOR, COORDINATOR, ADMIN], first: 100) @include(if: $withFacilitators) {
      edges {
        node {
          id
          displayName
          role
          disabledAt
        }
      }
    }
  }
`);

export const SessionFormValuesFragment = graphql(`
  fragment SessionFormValues on Session {
    id
    title
    format
    startsAt
    endsAt
    venue
    audience
    headcount
    area {
      id
    }
    organisation {
      id
    }
    facilitators @include(if: $withFacilitators) {
      id
      displayName
      role
    }
  }
`);

/** What the form sends: a new session's input, plus the headcount when editing. */
export type SessionInput = CreateSessionInput & Pick<UpdateSessionInput, 'headcount'>;

type Field =
  | 'title'
  | 'format'
  | 'startsAt'
  | 'endsAt'
  | 'areaId'
  | 'venue'
  | 'audience'
  | 'organisationId'
  | 'facilitatorIds'
  | 'headcount';

/** The inputs as typed: empty strings for "not given". */
interface Draft {
  title: string;
  format: string;
  startsAt: string;
  endsAt: string;
  areaId: string;
  venue: string;
  audience: string;
  organisationId: string;
  facilitatorIds: string[];
  headcount: string | number;
}

const MAX_HEADCOUNT = LIMITS.headcount;

function tooLong(value: string) {
  return value.trim().length > LIMITS.nameLength;
}

function check(draft: Draft, editing: boolean): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  const limit = `${LIMITS.nameLength} characters or fewer`;
  if (!draft.title.trim()) problems.title = 'Enter a title';
  else if (tooLong(draft.title)) problems.title = `Keep the title to ${limit}`;
  if (!draft.format) problems.format = 'Choose a format';
  const startsAt = dateTimeInputToIso(draft.startsAt);
  const endsAt = dateTimeInputToIso(draft.endsAt);
  if (!startsAt) problems.startsAt = 'Enter the date and time it starts';
  if (draft.endsAt && !endsAt) problems.endsAt = 'Enter a whole date and time, or leave it empty';
  else if (startsAt && endsAt && new Date(endsAt) < new Date(startsAt))
    problems.endsAt = 'It cannot end before it starts';
  if (tooLong(draft.venue)) problems.venue = `Keep the venue to ${limit}`;
  if (tooLong(draft.audience)) problems.audience = `Keep the audience to ${limit}`;
  const headcount = Number(draft.headcount);
  if (
    editing &&
    draft.headcount !== '' &&
    !(Number.isInteger(headcount) && headcount >= 0 && headcount <= MAX_HEADCOUNT)
  ) {
    problems.headcount = `Enter a whole number from 0 to ${MAX_HEADCOUNT.toLocaleString('en-GB')}`;
  }
  return problems;
}

/** A day (YYYY-MM-DD) as people read it. */
const day = (isoDay: string) => formatDate(`${isoDay}T12:00:00`);

/** Why a start (as typed, local time) falls outside the listening period; null when inside or unbounded. */
export function outsidePeriod(startsAt: string, period: { startsOn?: string | null; endsOn?: string | null }) {
  const startDay = startsAt.slice(0, 10);
  if (period.startsOn && startDay < period.startsOn)
    return `It starts on ${day(startDay)}, before the listening period begins (${day(period.startsOn)}).`;
  if (period.endsOn && startDay > period.endsOn)
    return `It starts on ${day(startDay)}, after the listening period ends (${day(period.endsOn)}).`;
  return null;
}

/** Looks up sessions like the one given (same title, start and area); see useDuplicateSessions. */
export type FindDuplicates = (probe: {
  title: string;
  startsAt: string;
  areaId: string | null;
  exceptId: string | null;
}) => Promise<{ id: string; title: string; startsAt: string }[]>;

const sameMembers = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

interface SessionFormProps {
  choices: FragmentType<typeof SessionFormChoicesFragment>;
  /** The session being edited; a new one is planned without. */
  session?: FragmentType<typeof SessionFormValuesFragment>;
  submitLabel: string;
  saving: boolean;
  /** The server's refusal of the last save. */
  error?: unknown;
  /** Where "Cancel" leads. */
  cancelTo: string;
  onSubmit: (input: SessionInput) => void;
  /** Asked before saving a new title, start or area; a look-alike is saved only once confirmed. */
  findDuplicates?: FindDuplicates;
}

/** Plans or edits a session: checks what it can before sending, and shows the server's objections beside each field. */
export function SessionForm({
  choices,
  session,
  submitLabel,
  saving,
  error,
  cancelTo,
  onSubmit,
  findDuplicates,
}: SessionFormProps) {
  const { can, ownOrganisationOnly } = useSession();
  const editing = Boolean(session);
  // A partner's sessions are always its own; a facilitator may not move a session to another organisation.
  const withOrganisation = can(Permission.SessionPlan) && !ownOrganisationOnly;
  const withFacilitators = can(Permission.UserList);
  const available = getFragmentData(SessionFormChoicesFragment, choices);
  const current = getFragmentData(SessionFormValuesFragment, session);
  const initialFacilitatorIds = current?.facilitators?.map((user) => user.id) ?? [];

  const [draft, setDraft] = useState<Draft>(() => ({
    title: current?.title ?? '',
    format: current?.format ?? '',
    startsAt: isoToDateTimeInput(current?.startsAt),
    endsAt: isoToDateTimeInput(current?.endsAt),
    areaId: current?.area?.id ?? '',
    venue: current?.venue ?? '',
    audience: current?.audience ?? '',
    organisationId: current?.organisation?.id ?? '',
    facilitatorIds: initialFacilitatorIds,
    headcount: current?.headcount ?? '',
  }));
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [attempts, setAttempts] = useState(0);
  // What the planner was warned of for the values as they are; saving again confirms. Any change asks afresh.
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState<string | null>(null);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setWarnings(null);
    setDraft((d) => ({ ...d, [field]: value }));
  };

  // After a refused save, the keyboard goes to the first thing to fix.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (attempts || error) form.current?.querySelector<HTMLElement>('[data-problem], [aria-invalid="true"]')?.focus();
  }, [attempts, error]);
  // A warning takes the keyboard too, so "save anyway" is a choice made having heard it.
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (warnings?.length) warning.current?.focus();
  }, [warnings]);

  const server = formErrors(error);
  const shown: Field[] = [
    'title',
    'format',
    'startsAt',
    'endsAt',
    'areaId',
    'venue',
    'audience',
    ...(withOrganisation ? (['organisationId'] as const) : []),
    ...(withFacilitators ? (['facilitatorIds'] as const) : []),
    ...(editing ? (['headcount'] as const) : []),
  ];
  // `facilitatorIds.2` is about the facilitators field as a whole.
  const fieldOf = (path: string) => path.split('.')[0] as Field;
  const serverFields: Partial<Record<Field, string>> = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(server.fields)) {
    if (shown.includes(fieldOf(path))) serverFields[fieldOf(path)] ??= message;
    else unplaced.push(message);
  }
  const formProblem = checkFailed ?? server.form ?? unplaced[0];
  const errorOf = (field: Field) => problems[field] ?? serverFields[field];

  const staff = new Map(
    (available.users?.edges ?? [])
      .map(({ node }) => node)
      .filter((user) => !user.disabledAt)
      .map((user) => [user.id, `${user.displayName} (${LABELS.role[user.role]})`]),
  );
  // Keep those already assigned on offer even if they are no longer in the staff list.
  for (const user of current?.facilitators ?? []) {
    if (!staff.has(user.id)) staff.set(user.id, `${user.displayName} (${LABELS.role[user.role]})`);
  }

  /** What to ask the planner about before saving: a start outside the listening period, look-alike sessions. */
  const warningsFor = async (startsAt: string): Promise<string[]> => {
    const found: string[] = [];
    const initialStart = isoToDateTimeInput(current?.startsAt);
    const outside = draft.startsAt !== initialStart ? outsidePeriod(draft.startsAt, available.engagement) : null;
    if (outside) found.push(`${outside} Sessions outside it are not part of the exercise’s reporting period.`);
    const changed =
      !current ||
      draft.title.trim() !== current.title ||
      draft.startsAt !== initialStart ||
      draft.areaId !== (current.area?.id ?? '');
    if (findDuplicates && changed) {
      const twins = await findDuplicates({
        title: draft.title.trim(),
        startsAt,
        areaId: draft.areaId || null,
        exceptId: current?.id ?? null,
      });
      for (const twin of twins) {
        found.push(`“${twin.title}” is already planned for ${formatDateTime(twin.startsAt)} in the same area.`);
      }
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(draft, editing);
    setProblems(found);
    setAttempts((n) => n + 1);
    setCheckFailed(null);
    const startsAt = dateTimeInputToIso(draft.startsAt);
    if (Object.keys(found).length || !startsAt) return;
    if (warnings === null) {
      setChecking(true);
      let asked: string[];
      try {
        asked = await warningsFor(startsAt);
      } catch {
        setCheckFailed('Chorus could not check for a session like this one. Try again.');
        return;
      } finally {
        setChecking(false);
      }
      if (asked.length) {
        setWarnings(asked);
        return;
      }
    }
    onSubmit({
      title: draft.title.trim(),
      format: draft.format as SessionFormat,
      startsAt,
      endsAt: dateTimeInputToIso(draft.endsAt),
      areaId: draft.areaId || null,
      venue: draft.venue.trim() || null,
      audience: draft.audience.trim() || null,
      ...(withOrganisation ? { organisationId: draft.organisationId || null } : {}),
      // Sent only when changed: saving other edits never trips over a facilitator since disabled.
      ...(withFacilitators && !sameMembers(draft.facilitatorIds, initialFacilitatorIds)
        ? { facilitatorIds: draft.facilitatorIds }
        : {}),
      ...(editing ? { headcount: draft.headcount === '' ? null : Number(draft.headcount) } : {}),
    });
  };

  return (
    <form ref={form} onSubmit={(event) => runAsync(submit(event))} noValidate aria-label={submitLabel}>
      <Stack maw={640}>
        {formProblem && (
          <Alert color="red" role="alert" tabIndex={-1} data-problem>
            {formProblem}
          </Alert>
        )}
        <TextInput
          label="Title"
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errorOf('title')}
          required
        />
        <NativeSelect
          label="Format"
          data={[{ value: '', label: 'Choose a format', disabled: true }, ...options('format')]}
          value={draft.format}
          onChange={(e) => set('format', e.currentTarget.value)}
          error={errorOf('format')}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Starts"
            type="datetime-local"
            value={draft.startsAt}
            onChange={(e) => set('startsAt', e.currentTarget.value)}
            error={errorOf('startsAt')}
            required
          />
          <TextInput
            label="Ends"
            description="Optional"
            type="datetime-local"
            value={draft.endsAt}
            min={draft.startsAt || undefined}
            onChange={(e) => set('endsAt', e.currentTarget.value)}
            error={errorOf('endsAt')}
          />
        </SimpleGrid>
        <NativeSelect
          label="Area"
          data={[
            { value: '', label: 'Not given' },
            ...available.areas.map((area) => ({ value: area.id, label: area.name })),
          ]}
          value={draft.areaId}
          onChange={(e) => set('areaId', e.currentTarget.value)}
          error={errorOf('areaId')}
        />
        <TextInput
          label="Venue"
          description="For example, a library or community centre"
          value={draft.venue}
          onChange={(e) => set('venue', e.currentTarget.value)}
          error={errorOf('venue')}
        />
        <TextInput
          label="Audience"
          description="Who the session is for, for example young carers"
          value={draft.audience}
          onChange={(e) => set('audience', e.currentTarget.value)}
          error={errorOf('audience')}
        />
        {withOrganisation && (
          <NativeSelect
            label="Organisation"
            description="The partner running it, if not staff"
            data={[
              { value: '', label: 'None: staff run it' },
              ...(available.organisations?.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name })),
            ]}
            value={draft.organisationId}
            onChange={(e) => set('organisationId', e.currentTarget.value)}
            error={errorOf('organisationId')}
          />
        )}
        {withFacilitators && (
          <MultiSelect
            label="Facilitators"
            description="Staff who run it; they can record its participants and responses"
            data={[...staff].map(([value, label]) => ({ value, label }))}
            value={draft.facilitatorIds}
            onChange={(ids) => set('facilitatorIds', ids)}
            error={errorOf('facilitatorIds')}
            {...TYPE_TO_CHOOSE}
            nothingFoundMessage="No staff by that name"
          />
        )}
        {editing && (
          <NumberInput
            label="Headcount"
            description="Everyone who attended, including people who did not register"
            value={draft.headcount}
            onChange={(value) => set('headcount', value)}
            error={errorOf('headcount')}
            // No clamping or dropped minus signs: a slip is refused beside the field, not saved altered.
            allowDecimal={false}
            clampBehavior="none"
            thousandSeparator=","
          />
        )}
        {warnings && warnings.length > 0 && (
          <Alert ref={warning} color="yellow" role="alert" title="Check before saving" tabIndex={-1}>
            <Stack gap={4}>
              {warnings.map((warning) => (
                <Text key={warning} size="sm">
                  {warning}
                </Text>
              ))}
              <Text size="sm">Change the session, or save it as it is.</Text>
            </Stack>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={saving || checking}>
            {warnings?.length ? `${submitLabel} anyway` : submitLabel}
          </Button>
          <Button component={Link} to={cancelTo} variant="default">
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
