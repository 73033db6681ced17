import { Channel } from '@chorus/shared';
import { Paper, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { SuppressibleCount } from '../aggregates/SuppressibleCount';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ChannelReachRowFragment = graphql(`
  fragment ChannelReachRow on ChannelReach {
    channel
    participants {
      value
    }
    responses {
      value
    }
  }
`);

const CHANNEL_LABELS: Record<Channel, string> = {
  [Channel.WORKSHOP]: 'Workshop',
  [Channel.CONVERSATION]: 'Conversation',
  [Channel.INTERVIEW]: 'Interview',
  [Channel.FOCUS_GROUP]: 'Focus group',
  [Channel.QUESTIONNAIRE_ONLINE]: 'Questionnaire online',
  [Channel.QUESTIONNAIRE_PAPER]: 'Questionnaire on paper',
  [Channel.IMPORT]: 'Import',
};

/** Participants and responses by channel, released through disclosure control. */
export function ChannelReach({
  rows: fragments,
  threshold,
}: {
  rows: FragmentType<typeof ChannelReachRowFragment>[];
  threshold: number;
}) {
  const rows = getFragmentData(ChannelReachRowFragment, fragments);
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        Reach by channel
      </Title>
      <Text size="sm" c="dimmed">
        Figures below {threshold} are withheld; others are slightly adjusted to protect people.
      </Text>
      <Table mt="sm" striped>
        <caption>Participants and responses heard through each channel</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Channel</Table.Th>
            <Table.Th scope="col">Participants</Table.Th>
            <Table.Th scope="col">Responses</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.channel}>
              <Table.Th scope="row">{CHANNEL_LABELS[row.channel]}</Table.Th>
              <Table.Td>
                <SuppressibleCount value={row.participants.value ?? null} threshold={threshold} />
              </Table.Td>
              <Table.Td>
                <SuppressibleCount value={row.responses.value ?? null} threshold={threshold} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
