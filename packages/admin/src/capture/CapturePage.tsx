import { SessionStatus } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Grid, Group, Kbd, Paper, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import type { CaptureQuery as CaptureQueryResult } from '../gql/graphql';
import { CaptureQuery, captureVariables } from './capture.graphql';
import { CaptureSessionSummary } from './CaptureSessionSummary';
import { RegisterParticipantForm, type RegisteredParticipant } from './RegisterParticipantForm';
import { ResponsesForm } from './ResponsesForm';
import { useCaptureDraft } from './useCaptureDraft';

interface Shortcut {
  keys: string[];
  /** Keys pressed together (Ctrl + Enter), or either one (↑ or ↓). */
  together: boolean;
  what: string;
}

const SHORTCUTS: Shortcut[] = [
  { keys: ['Ctrl', 'Enter'], together: true, what: 'save responses, or register, from the form you are in' },
  { keys: ['Alt', 'N'], together: true, what: 'register a new participant' },
  { keys: ['Alt', 'R'], together: true, what: 'type responses' },
  { keys: ['Tab'], together: true, what: 'next field' },
  { keys: ['Space'], together: true, what: 'tick a box' },
  { keys: ['↑', '↓'], together: false, what: 'choose in a list' },
];

function KeyboardShortcuts() {
  return (
    <Paper withBorder p="xs" mb="md">
      <Group
        gap="md"
        component="ul"
        aria-label="Keyboard shortcuts"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {SHORTCUTS.map(({ keys, together, what }) => (
          <Text key={what} component="li" size="sm">
            {keys.map((key, index) => (
              <span key={key}>
                {index > 0 && (together ? ' + ' : ' or ')}
                <Kbd>{key}</Kbd>
              </span>
            ))}{' '}
            {what}
          </Text>
        ))}
      </Group>
    </Paper>
  );
}

/** The two forms side by side, sharing the speaker: whoever is registered is the one heard next. */
function CaptureWorkspace({ data, userId }: { data: CaptureQueryResult; userId: string }) {
  const sessionId = data.session.id;
  const draft = useCaptureDraft(sessionId, userId);
  const firstRegistrationField = useRef<HTMLInputElement>(null);
  const firstResponseBox = useRef<HTMLTextAreaElement>(null);
  const noticeVersion = data.engagement.noticeVersions.at(-1) ?? null;

  // Shortcuts work from inside any field: that is where a facilitator's hands are.
  useHotkeys(
    [
      ['alt+N', () => firstRegistrationField.current?.focus(), { usePhysicalKeys: true }],
      ['alt+R', () => firstResponseBox.current?.focus(), { usePhysicalKeys: true }],
    ],
    [],
  );

  const onRegistered = (participant: RegisteredParticipant) => {
    firstResponseBox.current?.focus();
    // Words typed for the current speaker must not silently become the new person's.
    if (draft.hasUnsentWork) return false;
    draft.setSpeaker(participant.id);
    return true;
  };

  return (
    <>
      <KeyboardShortcuts />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <RegisterParticipantForm
              sessionId={sessionId}
              areas={data.areas}
              noticeVersion={noticeVersion}
              onRegistered={onRegistered}
              firstFieldRef={firstRegistrationField}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <ResponsesForm
              draft={draft}
              speakers={data.participants.edges.map((edge) => edge.node)}
              speakerTotal={data.participants.totalCount}
              firstTextareaRef={firstResponseBox}
            />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

export default function CapturePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const { data, loading, error, refetch } = useQuery(CaptureQuery, { variables: captureVariables(id) });
  const session = data?.session;
  const title = session ? `Capture: ${session.title}` : 'Capture responses';

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
        {data && session && user && (
          <>
            <CaptureSessionSummary session={session} />
            {session.status === SessionStatus.CANCELLED ? (
              <Alert color="red" title="This session was cancelled" role="alert">
                Participants and responses cannot be recorded at a cancelled session.{' '}
                <Anchor component={Link} to="/sessions" size="sm">
                  Choose another session
                </Anchor>
                .
              </Alert>
            ) : (
              <>
                {session.status === SessionStatus.PLANNED && (
                  <Text size="sm" mb="sm">
                    This session is still marked as planned. Once it has happened, mark it as held on the session page.
                  </Text>
                )}
                <CaptureWorkspace key={id} data={data} userId={user.id} />
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
