import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { standingSummary } from './consentEffects';

export const ParticipantRowFragment = graphql(`
  fragment ParticipantRow on Participant {
    id
    code
    ageBand
    createdAt
    session {
      id
      title
    }
    area {
      id
      name
    }
    consents {
      purpose
      granted
    }
  }
`);

export function ParticipantsTable({
  participants,
  caption,
}: {
  participants: FragmentType<typeof ParticipantRowFragment>[];
  caption: string;
}) {
  const rows = getFragmentData(ParticipantRowFragment, participants);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Code</Table.Th>
            <Table.Th scope="col">Session</Table.Th>
            <Table.Th scope="col">Area</Table.Th>
            <Table.Th scope="col">Age band</Table.Th>
            <Table.Th scope="col">Registered</Table.Th>
            <Table.Th scope="col">Standing consent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((participant) => (
            <Table.Tr key={participant.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/participants/${participant.id}`} ff="monospace" fw={600} inherit>
                  {participant.code}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {participant.session ? (
                  <Anchor component={Link} to={`/sessions/${participant.session.id}`} inherit>
                    {participant.session.title}
                  </Anchor>
                ) : (
                  'Not at a session'
                )}
              </Table.Td>
              <Table.Td>{participant.area?.name ?? 'Not given'}</Table.Td>
              <Table.Td>{participant.ageBand ? LABELS.ageBand[participant.ageBand] : 'Not given'}</Table.Td>
              <Table.Td>{formatDate(participant.createdAt)}</Table.Td>
              <Table.Td>
                <Text size="sm">{standingSummary(participant.consents)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
