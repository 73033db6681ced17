import { useQuery } from '@apollo/client/react';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS } from '../common/labels';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { getFragmentData, graphql } from '../gql';
import { ParticipantResponsesQuery } from './participants.graphql';

export const ParticipantResponseRowFragment = graphql(`
  fragment ParticipantResponseRow on Response {
    id
    prompt
    text
    createdAt
    session {
      id
      title
    }
  }
`);

const PAGE_SIZE = 20;

/** What the person said, newest first. Empty once their participation is withdrawn. */
export function ParticipantResponses({ participantId }: { participantId: string }) {
  const pages = usePages(participantId);
  const { data, loading, error, refetch } = useQuery(ParticipantResponsesQuery, {
    variables: { participantId, first: PAGE_SIZE, after: pages.after },
  });
  const responses = data?.responses;
  const rows = getFragmentData(ParticipantResponseRowFragment, responses?.edges.map((edge) => edge.node) ?? []);
  return (
    <QueryState
      loading={loading && !responses}
      error={error}
      onRetry={() => refetch()}
      empty={responses?.totalCount === 0}
      emptyTitle="No responses"
      emptyText="Nothing they said is held: they have not answered yet, or their participation was withdrawn."
    >
      {responses && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Caption>Their responses, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Prompt</Table.Th>
                  <Table.Th scope="col">What they said</Table.Th>
                  <Table.Th scope="col">Session</Table.Th>
                  <Table.Th scope="col">Recorded</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((response) => (
                  <Table.Tr key={response.id}>
                    <Table.Td>{LABELS.prompt[response.prompt]}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/responses/${response.id}`} inherit>
                        <Text span inherit lineClamp={2}>
                          {response.text}
                        </Text>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/sessions/${response.session.id}`} inherit>
                        {response.session.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateTime(response.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager connection={responses} pages={pages} pageSize={PAGE_SIZE} label="Response pages" />
        </>
      )}
    </QueryState>
  );
}
