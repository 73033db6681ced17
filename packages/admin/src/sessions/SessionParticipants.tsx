import { useQuery } from '@apollo/client/react';
import { Anchor, Table, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { LABELS } from '../common/labels';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { standingSummary } from '../participants/consentEffects';
import { SessionParticipantsQuery } from './sessions.graphql';

export const SessionParticipantRowFragment = graphql(`
  fragment SessionParticipantRow on Participant {
    id
    code
    connections
    ageBand
    consents {
      purpose
      granted
    }
  }
`);

const PAGE_SIZE = 20;

function ParticipantRow({ participant }: { participant: FragmentType<typeof SessionParticipantRowFragment> }) {
  const row = getFragmentData(SessionParticipantRowFragment, participant);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Anchor component={Link} to={`/participants/${row.id}`} ff="monospace">
          {row.code}
        </Anchor>
      </Table.Th>
      <Table.Td>{row.connections.map((connection) => LABELS.connection[connection]).join(', ')}</Table.Td>
      <Table.Td>{row.ageBand ? LABELS.ageBand[row.ageBand] : 'Not given'}</Table.Td>
      <Table.Td>{standingSummary(row.consents)}</Table.Td>
    </Table.Tr>
  );
}

/** The people registered at a session, a page at a time. */
export function SessionParticipants({ sessionId }: { sessionId: string }) {
  const headingId = useId();
  const pages = usePages(sessionId);
  const { data, previousData, loading, error, refetch } = useQuery(SessionParticipantsQuery, {
    variables: { sessionId, first: PAGE_SIZE, after: pages.after },
  });
  const participants = (data ?? previousData)?.participants;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" mb="sm" id={headingId}>
        Participants
      </Title>
      <QueryState
        loading={loading && !participants}
        error={error}
        onRetry={() => refetch()}
        empty={participants?.totalCount === 0}
        emptyTitle="No participants registered yet"
        emptyText="People registered at this session, with their consent, appear here."
      >
        {participants && (
          <div aria-busy={loading}>
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Code</Table.Th>
                    <Table.Th scope="col">Connection to the city</Table.Th>
                    <Table.Th scope="col">Age band</Table.Th>
                    <Table.Th scope="col">Consent standing</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {participants.edges.map(({ node }) => (
                    <ParticipantRow key={node.id} participant={node} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager connection={participants} pages={pages} pageSize={PAGE_SIZE} label="Participant pages" />
          </div>
        )}
      </QueryState>
    </section>
  );
}
