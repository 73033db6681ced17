import { Anchor, Badge, Group, Highlight, Paper, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS, WITHHELD_TEXT } from '../common/labels';
import { themePathLabel } from '../codebook/themeTree';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ResponseCardFragment = graphql(`
  fragment ResponseCard on Response {
    id
    prompt
    text
    createdAt
    session {
      id
      title
    }
    themes {
      id
      name
      path
    }
  }
`);

interface ResponseCardProps {
  response: FragmentType<typeof ResponseCardFragment>;
  /** Words searched for, marked in the text. */
  searched: string[];
}

export function ResponseCard({ response: ref, searched }: ResponseCardProps) {
  const response = getFragmentData(ResponseCardFragment, ref);
  const when = formatDateTime(response.createdAt);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs">
          <Badge variant="light">{LABELS.prompt[response.prompt]}</Badge>
          <Text size="sm" c="dimmed">
            {when}
          </Text>
        </Group>
        <Anchor component={Link} to={`/responses/${response.id}`} size="sm">
          Open response<VisuallyHidden> from {when}</VisuallyHidden>
        </Anchor>
      </Group>
      {response.text === null ? (
        <Text mt="xs" fs="italic">
          {WITHHELD_TEXT}
        </Text>
      ) : (
        <Highlight highlight={searched} mt="xs" lineClamp={5} style={{ whiteSpace: 'pre-wrap' }}>
          {response.text}
        </Highlight>
      )}
      <Group justify="space-between" mt="sm" gap="xs">
        <Text size="sm">
          Heard at{' '}
          <Anchor component={Link} to={`/sessions/${response.session.id}`}>
            {response.session.title}
          </Anchor>
        </Text>
        {response.themes.length ? (
          <Group gap={4} component="ul" aria-label="Themes" p={0} m={0} style={{ listStyle: 'none' }}>
            {response.themes.map((theme) => (
              <Badge key={theme.id} component="li" variant="outline" color="gray.8" tt="none">
                {themePathLabel(theme)}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Not coded yet
          </Text>
        )}
      </Group>
    </Paper>
  );
}
