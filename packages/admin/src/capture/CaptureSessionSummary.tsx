import { SessionStatus } from '@chorus/shared';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const CaptureSessionSummaryFragment = graphql(`
  fragment CaptureSessionSummary on Session {
    id
    format
    status
    startsAt
    venue
    area {
      id
      name
    }
    responseCount
    participantCount
  }
`);

/** Which session this is, and how much has been recorded there so far. */
export function CaptureSessionSummary({
  session: data,
}: {
  session: FragmentType<typeof CaptureSessionSummaryFragment>;
}) {
  const session = getFragmentData(CaptureSessionSummaryFragment, data);
  const place = [session.venue, session.area?.name].filter(Boolean).join(', ');
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <div>
        <Group gap="xs">
          <Badge variant="light" color={session.status === SessionStatus.CANCELLED ? 'red' : undefined}>
            {LABELS.status[session.status]}
          </Badge>
          <Text size="sm">
            {LABELS.format[session.format]} · {formatDateTime(session.startsAt)}
            {place && ` · ${place}`}
          </Text>
        </Group>
        <Text size="sm" mt={4}>
          Recorded here so far: <strong data-testid="session-response-count">{session.responseCount}</strong>{' '}
          {session.responseCount === 1 ? 'response' : 'responses'} from{' '}
          <strong data-testid="session-participant-count">{session.participantCount}</strong>{' '}
          {session.participantCount === 1 ? 'person' : 'people'}.
        </Text>
      </div>
      <Anchor component={Link} to={`/sessions/${session.id}`} size="sm">
        Back to the session
      </Anchor>
    </Group>
  );
}
