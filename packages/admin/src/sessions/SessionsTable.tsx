import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { SessionStatusBadge } from './SessionStatusBadge';

export const SessionsTableRowFragment = graphql(`
  fragment SessionsTableRow on Session {
    id
    title
    format
    status
    startsAt
    endsAt
    area {
      id
      name
    }
    organisation {
      id
      name
    }
    responseCount
    participantCount
  }
`);

export function SessionsTable({ sessions }: { sessions: FragmentType<typeof SessionsTableRowFragment>[] }) {
  const rows = getFragmentData(SessionsTableRowFragment, sessions);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" captionSide="top">
        <Table.Caption>Sessions, latest start first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Format</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Starts</Table.Th>
            <Table.Th scope="col">Area</Table.Th>
            <Table.Th scope="col">Organisation</Table.Th>
            <Table.Th scope="col" ta="right">
              Responses
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Participants
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/sessions/${session.id}`}>
                  {session.title}
                </Anchor>
              </Table.Th>
              <Table.Td>{LABELS.format[session.format]}</Table.Td>
              <Table.Td>
                <SessionStatusBadge session={session} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.startsAt)}</Table.Td>
              <Table.Td>{session.area?.name ?? 'Not given'}</Table.Td>
              <Table.Td>{session.organisation?.name ?? 'Staff-run'}</Table.Td>
              <Table.Td ta="right">{session.responseCount}</Table.Td>
              <Table.Td ta="right">{session.participantCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
