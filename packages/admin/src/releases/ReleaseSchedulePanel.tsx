import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime } from '../common/labels';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import type { ReleaseFrequency, ReleaseRunOutcome, ReleaseScheduleQuery as Schedule } from '../gql/graphql';
import { ReleaseHistoryQuery, ReleaseRunsQuery, ReleaseScheduleQuery } from './releases.graphql';
import { describeRun, OUTCOME_LABEL } from './runOutcome';
import { useSetReleaseSchedule } from './useSetReleaseSchedule';

const RUNS_PAGE = 10;
/** How often the runs are read again while one is building, so its outcome shows when it is done. */
const RUNNING_POLL_MS = 5_000;
const FREQUENCIES = [
  { value: 'NONE', label: 'Never: by hand only' },
  { value: 'DAILY', label: 'Every day' },
  { value: 'WEEKLY', label: 'Every week' },
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const OUTCOME_COLOR: Record<ReleaseRunOutcome, string> = {
  PUBLISHED: 'green',
  UNCHANGED: 'gray',
  HELD: 'yellow',
  FAILED: 'red',
  RUNNING: 'blue',
};

type Current = Schedule['releaseSchedule'];

function describeSchedule(schedule: Current): string {
  if (schedule.frequency === 'NONE') return 'Releases are published by hand only.';
  const day =
    schedule.frequency === 'WEEKLY' && schedule.weekday ? `every ${WEEKDAYS[schedule.weekday - 1]}` : 'every day';
  return `A release is due ${day} at ${schedule.time} UK time.`;
}

function ScheduleForm({ current }: { current: Current }) {
  const [frequency, setFrequency] = useState<ReleaseFrequency>(current.frequency);
  const [time, setTime] = useState(current.time);
  const [weekday, setWeekday] = useState(current.weekday ? String(current.weekday) : '');
  const [done, setDone] = useState<string | null>(null);
  const [set, { loading, error }] = useSetReleaseSchedule();
  const errors = error ? formErrors(error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const save = async () => {
      try {
        const saved = await set({
          frequency,
          time: time.trim() || null,
          weekday: frequency === 'WEEKLY' && weekday ? Number(weekday) : null,
        });
        if (saved) setDone('Release schedule saved.');
      } catch {
        // shown beside the fields from `error`
      }
    };
    runAsync(save());
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Set the release schedule">
      <Stack align="flex-start">
        {done && <SuccessNotice message={done} />}
        {errors?.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Group align="flex-start">
          <NativeSelect
            label="How often"
            data={FREQUENCIES}
            value={frequency}
            onChange={(event) => setFrequency(event.currentTarget.value as ReleaseFrequency)}
            error={errors?.fields.frequency}
          />
          {frequency !== 'NONE' && (
            <TextInput
              type="time"
              label="Time (UK time)"
              description="Follows British Summer Time"
              value={time}
              onChange={(event) => setTime(event.currentTarget.value)}
              error={errors?.fields.time}
            />
          )}
          {frequency === 'WEEKLY' && (
            <NativeSelect
              label="Day of the week"
              data={[
                { value: '', label: 'Choose a day' },
                ...WEEKDAYS.map((label, i) => ({ value: String(i + 1), label })),
              ]}
              value={weekday}
              onChange={(event) => setWeekday(event.currentTarget.value)}
              error={errors?.fields.weekday}
            />
          )}
        </Group>
        <Button type="submit" loading={loading}>
          Save schedule
        </Button>
      </Stack>
    </form>
  );
}

function ScheduledRuns({ minimum }: { minimum: number }) {
  const pages = usePages('release-runs');
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(ReleaseRunsQuery, {
    variables: { first: RUNS_PAGE, after: pages.after },
  });
  const runs = data?.releaseRuns;
  const building = runs?.edges.some(({ node }) => node.outcome === 'RUNNING') ?? false;
  const client = useApolloClient();
  const wasBuilding = useRef(false);
  useEffect(() => {
    // A run just finished: the history shows its release, and the schedule its next due time.
    if (wasBuilding.current && !building) {
      // A failure shows in those queries' own error states.
      client.refetchQueries({ include: [ReleaseScheduleQuery, ReleaseHistoryQuery] }).catch(() => {});
    }
    wasBuilding.current = building;
    if (!building) return;
    startPolling(RUNNING_POLL_MS);
    return stopPolling;
  }, [building, client, startPolling, stopPolling]);
  return (
    <section aria-labelledby="runs-heading">
      <Title order={3} size="h4" id="runs-heading" mb="sm">
        Scheduled runs
      </Title>
      <QueryState
        loading={loading && !runs}
        error={error}
        onRetry={() => refetch()}
        empty={runs?.totalCount === 0}
        emptyTitle="No scheduled runs yet"
        emptyText="Each due time of the schedule is listed here with what it did."
      >
        {runs && (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Caption>Scheduled runs, newest due time first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Due</Table.Th>
                    <Table.Th scope="col">Outcome</Table.Th>
                    <Table.Th scope="col">What happened</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runs.edges.map(({ node }) => (
                    <Table.Tr key={node.dueAt}>
                      <Table.Th scope="row">{formatDateTime(node.dueAt)}</Table.Th>
                      <Table.Td>
                        <Badge variant="dot" color={OUTCOME_COLOR[node.outcome]} tt="none" miw="max-content">
                          {OUTCOME_LABEL[node.outcome]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{describeRun(node, minimum)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager connection={runs} pages={pages} pageSize={RUNS_PAGE} label="Scheduled run pages" />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** The release schedule (coordinators): what it is, when it is next due, editing it, and what its runs did. */
export function ReleaseSchedulePanel() {
  const { data, loading, error, refetch } = useQuery(ReleaseScheduleQuery);
  const schedule = data?.releaseSchedule;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="schedule-heading">
      <Title order={2} size="h3" id="schedule-heading" mb="sm">
        Release schedule
      </Title>
      <QueryState loading={loading && !schedule} error={error} onRetry={() => refetch()}>
        {schedule && (
          <Stack gap="lg">
            <Stack gap={4}>
              <Text>{describeSchedule(schedule)}</Text>
              {schedule.nextDueAt && <Text>Next due: {formatDateTime(schedule.nextDueAt)}.</Text>}
              <Text size="sm" c="dimmed" maw={760}>
                A scheduled release is cut only once at least {schedule.minimumChangedPeople} people changed since the
                last release (the suppression threshold), so one person’s change cannot be read off two releases.
                Changed since the last release: {schedule.changedPeople}.
              </Text>
            </Stack>
            <ScheduleForm current={schedule} />
            <ScheduledRuns minimum={schedule.minimumChangedPeople} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
