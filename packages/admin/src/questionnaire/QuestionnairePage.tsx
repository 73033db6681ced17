import { useQuery } from '@apollo/client/react';
import { QuestionnaireSessionMode } from '@chorus/shared';
import { Alert, Anchor, Badge, Button, Group, List, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { getFragmentData } from '../gql';
import { ParticipantsListQuery } from '../participants/participants.graphql';
import { ParticipantRowFragment, ParticipantsTable } from '../participants/ParticipantsTable';
import { QuestionnaireSettingsQuery } from './questionnaire.graphql';
import { useSetQuestionnaireOpen } from './useSetQuestionnaireOpen';
import { useSetQuestionnaireSessionMode } from './useSetQuestionnaireSessionMode';

const PAGE_SIZE = 25;
/** How often the submissions are read again while the page is open, so new ones appear. */
export const SUBMISSIONS_POLL_MS = 10_000;
/** Where residents answer: the same address as this app. */
const PUBLIC_PATH = '/questionnaire';

const MODES: { value: QuestionnaireSessionMode; label: string; description: string }[] = [
  {
    value: QuestionnaireSessionMode.PER_CHANNEL,
    label: 'One session for the whole questionnaire',
    description: 'Every answer goes under the session "Questionnaire online".',
  },
  {
    value: QuestionnaireSessionMode.PER_AREA,
    label: 'One session per area',
    description:
      '"Questionnaire online: Burslem" and so on, and one for people who did not choose an area. Reach by area uses the area the resident chose either way.',
  },
];

function OpenOrClosed({ open, updatedAt }: { open: boolean; updatedAt: string | null }) {
  const [set, { loading, error }] = useSetQuestionnaireOpen();
  const [done, setDone] = useState<string | null>(null);
  const toggle = async () => {
    setDone(null);
    try {
      const saved = await set(!open);
      setDone(saved?.open ? 'The questionnaire is open.' : 'The questionnaire is closed.');
    } catch {
      // shown from `error` below
    }
  };
  return (
    <Stack align="flex-start" gap="sm">
      {done && <SuccessNotice message={done} />}
      {error && (
        <Alert color="red" role="alert">
          {formErrors(error).form ?? 'That did not work. Try again.'}
        </Alert>
      )}
      <Group gap="sm">
        {/* The dot carries the colour; the word keeps the body text's contrast. */}
        <Badge variant="dot" color={open ? 'green' : 'gray'} size="lg" tt="none">
          {open ? 'Open' : 'Closed'}
        </Badge>
        <Text size="sm">
          {open ? (
            <>
              Residents can answer at{' '}
              <Anchor href={PUBLIC_PATH} target="_blank" rel="noopener">
                {window.location.origin}
                {PUBLIC_PATH}
              </Anchor>
              .
            </>
          ) : (
            'Residents see "The questionnaire is closed" and nothing can be sent.'
          )}
        </Text>
      </Group>
      {updatedAt && <Text size="sm">Last changed {formatDateTime(updatedAt)}.</Text>}
      <Button onClick={() => runAsync(toggle())} loading={loading} color={open ? 'red' : undefined}>
        {open ? 'Close the questionnaire' : 'Open the questionnaire'}
      </Button>
    </Stack>
  );
}

function SessionModeForm({
  mode,
  sessions,
}: {
  mode: QuestionnaireSessionMode;
  sessions: { id: string; title: string }[];
}) {
  const [chosen, setChosen] = useState(mode);
  const [set, { loading, error }] = useSetQuestionnaireSessionMode();
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    runAsync(
      set(chosen).then(
        (saved) =>
          saved &&
          setDone(
            `Later answers are filed under ${MODES.find((m) => m.value === saved.sessionMode)!.label.toLowerCase()}.`,
          ),
        () => undefined, // shown from `error` below
      ),
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Choose how answers are filed">
      <Stack align="flex-start">
        {done && <SuccessNotice message={done} />}
        {error && (
          <Alert color="red" role="alert">
            {formErrors(error).form ?? 'That did not work. Try again.'}
          </Alert>
        )}
        <Radio.Group
          label="How answers are filed"
          description="Answers already sent stay where they are."
          value={chosen}
          onChange={(value) => setChosen(value)}
        >
          <Stack gap="sm" mt="xs">
            {MODES.map((m) => (
              <Radio key={m.value} value={m.value} label={m.label} description={m.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Button type="submit" loading={loading} disabled={chosen === mode}>
          Save how answers are filed
        </Button>
        {sessions.length === 0 ? (
          <Text size="sm">Its sessions are made when you open the questionnaire.</Text>
        ) : (
          <div>
            <Text size="sm" fw={600} id="questionnaire-sessions">
              Sessions it files answers under
            </Text>
            <List size="sm" spacing="sm" aria-labelledby="questionnaire-sessions">
              {sessions.map((session) => (
                <List.Item key={session.id}>
                  <Anchor component={Link} to={`/sessions/${session.id}`} inherit>
                    {session.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </form>
  );
}

function Submissions() {
  const pages = usePages('questionnaire');
  const { data, loading, error, refetch } = useQuery(ParticipantsListQuery, {
    variables: { filter: { questionnaire: true }, first: PAGE_SIZE, after: pages.after },
    pollInterval: SUBMISSIONS_POLL_MS,
  });
  const submissions = data?.participants;
  const rows = submissions?.edges.map((edge) => edge.node) ?? [];
  const latest = pages.page === 1 && rows[0] ? getFragmentData(ParticipantRowFragment, rows[0]).createdAt : null;
  return (
    <QueryState loading={loading && !submissions} error={error} onRetry={() => refetch()}>
      {submissions && (
        <>
          <Group gap="xl" mb="sm">
            <Text>
              <Text span fw={700} fz="xl">
                {submissions.totalCount}
              </Text>{' '}
              {submissions.totalCount === 1 ? 'submission' : 'submissions'}
            </Text>
            {latest && <Text size="sm">Latest {formatDateTime(latest)}</Text>}
          </Group>
          {submissions.totalCount === 0 ? (
            <Text size="sm">Each resident who sends their answers appears here, newest first.</Text>
          ) : (
            <>
              <ParticipantsTable
                participants={rows}
                caption="People who answered the questionnaire online, newest first"
              />
              <Pager connection={submissions} pages={pages} pageSize={PAGE_SIZE} label="Submissions pages" />
            </>
          )}
        </>
      )}
    </QueryState>
  );
}

export default function QuestionnairePage() {
  const { data, loading, error, refetch } = useQuery(QuestionnaireSettingsQuery);
  const questionnaire = data?.questionnaire;
  return (
    <>
      <PageTitle title="Questionnaire">Public questionnaire</PageTitle>
      <QueryState loading={loading && !questionnaire} error={error} onRetry={() => refetch()}>
        {questionnaire && (
          <Stack gap="xl">
            <Paper withBorder p="md" component="section" aria-labelledby="open-heading">
              <Title order={2} size="h3" id="open-heading" mb="sm">
                Open or closed
              </Title>
              <OpenOrClosed open={questionnaire.open} updatedAt={questionnaire.updatedAt ?? null} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="mode-heading">
              <Title order={2} size="h3" id="mode-heading" mb="sm">
                Sessions
              </Title>
              <SessionModeForm mode={questionnaire.sessionMode} sessions={questionnaire.sessions} />
            </Paper>
            <section aria-labelledby="submissions-heading">
              <Title order={2} size="h3" id="submissions-heading" mb="sm">
                Submissions
              </Title>
              <Submissions />
            </section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
