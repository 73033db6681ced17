import { useQuery } from '@apollo/client/react';
import { Alert, Button, Code, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { downloadWithToken } from '../common/download';
import { formErrors } from '../common/errors';
import { formatDateTime } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import type { AuditAction } from '../gql/graphql';
import { AuditEventsQuery } from './audit.graphql';

const PAGE_SIZE = 50;

interface Filter {
  recordId: string;
  callerId: string;
  action: string;
}

const EMPTY: Filter = { recordId: '', callerId: '', action: '' };

export default function AuditLogPage() {
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const pages = usePages(JSON.stringify(filter));
  const { data, previousData, loading, error, refetch } = useQuery(AuditEventsQuery, {
    variables: {
      first: PAGE_SIZE,
      after: pages.after,
      filter: {
        recordId: filter.recordId || null,
        callerId: filter.callerId || null,
        action: (filter.action || null) as AuditAction | null,
      },
    },
  });
  const vocabulary = (data ?? previousData)?.auditVocabulary ?? [];
  const codeOf = new Map(vocabulary.map((entry) => [entry.action, entry.code]));
  const events = data?.auditEvents;
  const fields = formErrors(error).fields;
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ recordId: draft.recordId.trim(), callerId: draft.callerId.trim(), action: draft.action });
  };
  const download = async () => {
    setDownloadProblem(null);
    const query = new URLSearchParams();
    if (filter.recordId) query.set('recordId', filter.recordId);
    if (filter.callerId) query.set('callerId', filter.callerId);
    if (filter.action) query.set('action', codeOf.get(filter.action as AuditAction) ?? filter.action);
    try {
      await downloadWithToken(`/exports/audit.csv?${query}`, 'chorus-audit-log.csv');
    } catch (problem) {
      setDownloadProblem((problem as Error).message);
    }
  };
  const badFilter = fields['filter.recordId'] ?? fields['filter.callerId'];
  return (
    <>
      <PageTitle title="Audit log">Audit log</PageTitle>
      <Stack gap="md">
        <form onSubmit={search} aria-label="Search the audit log">
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Record id"
              value={draft.recordId}
              onChange={(e) => setDraft({ ...draft, recordId: e.currentTarget.value })}
              error={fields['filter.recordId']}
              w={320}
            />
            <TextInput
              label="Caller id (user or API key)"
              value={draft.callerId}
              onChange={(e) => setDraft({ ...draft, callerId: e.currentTarget.value })}
              error={fields['filter.callerId']}
              w={320}
            />
            <NativeSelect
              label="Action"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
              data={[
                { value: '', label: 'Any action' },
                ...vocabulary.map((entry) => ({ value: entry.action, label: entry.code })),
              ]}
            />
            <Button type="submit">Search</Button>
            <Button variant="default" onClick={() => void download()}>
              Download CSV
            </Button>
          </Group>
        </form>
        {downloadProblem && (
          <Alert color="red" role="alert" title="The download failed">
            {downloadProblem}
          </Alert>
        )}
        <QueryState
          loading={loading && !events}
          error={badFilter ? undefined : error}
          onRetry={() => refetch()}
          empty={!badFilter && events?.totalCount === 0}
          emptyTitle="No entries"
          emptyText="Nothing in the audit log matches this search."
        >
          {events && (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped aria-label={`Audit entries, ${events.totalCount} in all`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">When</Table.Th>
                      <Table.Th scope="col">Action</Table.Th>
                      <Table.Th scope="col">Caller</Table.Th>
                      <Table.Th scope="col">Record</Table.Th>
                      <Table.Th scope="col">Details</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {events.edges.map(({ node }) => (
                      <Table.Tr key={node.id}>
                        <Table.Td>{formatDateTime(node.at)}</Table.Td>
                        <Table.Td>{codeOf.get(node.action) ?? node.action}</Table.Td>
                        <Table.Td>{node.callerKind === 'SYSTEM' ? 'Chorus' : <Code>{node.callerId}</Code>}</Table.Td>
                        <Table.Td>
                          {node.recordType}{' '}
                          {node.recordId ? (
                            <Code>{node.recordId}</Code>
                          ) : (
                            <Text span c="dimmed">
                              (none)
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Code>{node.details}</Code>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager connection={events} pages={pages} pageSize={PAGE_SIZE} label="Audit log pages" />
            </>
          )}
        </QueryState>
      </Stack>
    </>
  );
}
