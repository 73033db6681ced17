import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ThisWeekSessionFragment = graphql(`
  fragment ThisWeekSession on Session {
    id
    title
    format
    status
    startsAt
    area {
      id
      name
    }
  }
`);

export function ThisWeek({ sessions }: { sessions: FragmentType<typeof ThisWeekSessionFragment>[] }) {
  const items = getFragmentData(ThisWeekSessionFragment, sessions);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        This week&rsquo;s sessions
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No sessions this week.{' '}
          <Anchor component={Link} to="/sessions/new">
            Plan one
          </Anchor>
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((session) => (
            <Group key={session.id} component="li" justify="space-between" wrap="nowrap">
              <div>
                <Anchor component={Link} to={`/sessions/${session.id}`}>
                  {session.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(session.startsAt)}
                  {session.area ? ` · ${session.area.name}` : ''}
                </Text>
              </div>
              <Badge variant="light">{LABELS.format[session.format]}</Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
