import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Anchor, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/useSession';
import { LABELS } from '../common/labels';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { SessionResponsesQuery } from './sessions.graphql';

export const SessionResponseRowFragment = graphql(`
  fragment SessionResponseRow on Response {
    id
    prompt
    text
    participant {
      id
      code
    }
  }
`);

const PAGE_SIZE = 20;

function ResponseRow({
  response,
  linkParticipant,
}: {
  response: FragmentType<typeof SessionResponseRowFragment>;
  linkParticipant: boolean;
}) {
  const row = getFragmentData(SessionResponseRowFragment, response);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/responses/${row.id}`}>
          {LABELS.prompt[row.prompt]}
        </Anchor>
      </Table.Th>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {row.text}
        </Text>
      </Table.Td>
      <Table.Td>
        {!row.participant ? (
          'Group note'
        ) : linkParticipant ? (
          <Anchor component={Link} to={`/participants/${row.participant.id}`} ff="monospace">
            {row.participant.code}
          </Anchor>
        ) : (
          <Text span ff="monospace" size="sm">
            {row.participant.code}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** What was said at a session, a page at a time. */
export function SessionResponses({ sessionId }: { sessionId: string }) {
  const { can } = useSession();
  const headingId = useId();
  const pages = usePages(sessionId);
  const { data, previousData, loading, error, refetch } = useQuery(SessionResponsesQuery, {
    variables: { sessionId, first: PAGE_SIZE, after: pages.after },
  });
  const responses = (data ?? previousData)?.responses;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" mb="sm" id={headingId}>
        Responses
      </Title>
      <QueryState
        loading={loading && !responses}
        error={error}
        onRetry={() => refetch()}
        empty={responses?.totalCount === 0}
        emptyTitle="No responses recorded yet"
        emptyText="What people say at this session appears here once it is captured."
      >
        {responses && (
          <div aria-busy={loading}>
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Prompt</Table.Th>
                    <Table.Th scope="col">What was said</Table.Th>
                    <Table.Th scope="col">Participant</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {responses.edges.map(({ node }) => (
                    <ResponseRow key={node.id} response={node} linkParticipant={can(Permission.ParticipantRead)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager connection={responses} pages={pages} pageSize={PAGE_SIZE} label="Response pages" />
          </div>
        )}
      </QueryState>
    </section>
  );
}
