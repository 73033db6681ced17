import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, FileInput, Group, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { session } from '../auth/session';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import {
  CreateResponseImportMutation,
  ImportSetupQuery,
  ResponseImportQuery,
  StartResponseImportMutation,
} from './imports.graphql';

const PROMPTS = ['VALUES', 'BELONGING', 'CHALLENGES', 'FUTURE', 'WHAT_WORKS'] as const;
const CONSENTS = ['PARTICIPATION', 'QUOTE', 'ATTRIBUTION', 'FOLLOW_UP_CONTACT', 'SPECIAL_CATEGORY_DATA'] as const;
const FIELDS = ['connections', 'area', 'ageBand', 'language'] as const;
const FIELD_LABEL: Record<string, string> = {
  connections: 'Connection to the city (required)',
  area: 'Area',
  ageBand: 'Age band',
  language: 'Language',
};
const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
const POLLING = new Set(['QUEUED', 'IMPORTING']);

/** Sends a file with the signed-in session's token; answers the JSON, or throws the server's message. */
async function sendFile(method: 'PUT' | 'POST', path: string, file: File): Promise<Record<string, unknown>> {
  const response = await fetch(path, {
    method,
    body: file,
    headers: {
      'content-type':
        file.type ||
        (file.name.toLowerCase().endsWith('.xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv'),
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const errors = body.errors as { message?: string }[] | undefined;
    throw new Error(errors?.[0]?.message ?? `The file could not be read (HTTP ${response.status})`);
  }
  return body;
}

/** Bulk import: choose a file, map its columns, check it, start it and watch it run. */
export default function ImportPage() {
  const setup = useQuery(ImportSetupQuery);
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [method, setMethod] = useState<string | null>('WRITTEN');
  const [notice, setNotice] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [create] = useMutation(CreateResponseImportMutation);
  const [start, started] = useMutation(StartResponseImportMutation);
  const current = useQuery(ResponseImportQuery, {
    variables: { id: importId ?? '' },
    skip: !importId,
    fetchPolicy: 'network-only',
  });
  const found = current.data?.responseImport;
  const polling = found ? POLLING.has(found.status) : false;
  const { startPolling, stopPolling } = current;
  // While the job runs, ask again every second; stop once it is DONE or FAILED.
  useEffect(() => {
    if (polling) startPolling(1000);
    else stopPolling();
    return stopPolling;
  }, [polling, startPolling, stopPolling]);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setColumns(null);
    setImportId(null);
    setProblem(null);
    if (!chosen) return;
    setBusy(true);
    try {
      const body = await sendFile('POST', '/imports/columns', chosen);
      setColumns(body.columns as string[]);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function check() {
    if (!file || !sessionId || !method || !notice) return;
    setBusy(true);
    setProblem(null);
    try {
      const made = await create({
        variables: {
          input: {
            sessionId,
            fileName: file.name,
            consentMethod: method as never,
            noticeVersion: notice,
            columns: {
              answers: PROMPTS.filter((p) => mapping[p]).map((p) => ({ prompt: p as never, column: mapping[p]! })),
              consents: CONSENTS.filter((c) => mapping[c]).map((c) => ({ purpose: c as never, column: mapping[c]! })),
              connections: mapping.connections ?? '',
              area: mapping.area ?? null,
              ageBand: mapping.ageBand ?? null,
              language: mapping.language ?? null,
            },
          },
        },
      });
      const id = made.data!.createResponseImport.id;
      await sendFile('PUT', made.data!.createResponseImport.uploadPath, file);
      setImportId(id);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const sessions = setup.data?.sessions.edges.map(({ node }) => ({ value: node.id, label: node.title })) ?? [];
  const options = columns ?? [];
  const select = (key: string, text: string) => (
    <Select
      key={key}
      label={text}
      data={options}
      value={mapping[key] ?? null}
      onChange={(value) => setMapping({ ...mapping, [key]: value })}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${text}` }}
      placeholder="Not in the file"
    />
  );
  const rowErrors = found?.errors.edges.map(({ node }) => node) ?? [];

  return (
    <>
      <PageTitle title="Import responses">Import responses</PageTitle>
      <Text size="sm" mb="md">
        A CSV or XLSX file of answers gathered elsewhere, one person a row. Every row is checked first; the file is
        imported whole or not at all.
      </Text>
      <QueryState loading={setup.loading && !setup.data} error={setup.error} onRetry={() => setup.refetch()}>
        <Stack maw={760}>
          <Paper withBorder p="md">
            <Stack>
              <Select
                label="Session"
                data={sessions}
                value={sessionId}
                onChange={setSessionId}
                searchable
                required
                nothingFoundMessage="No session in reach"
              />
              <FileInput
                label="File (CSV or XLSX)"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={(chosen) => void choose(chosen)}
                required
                clearable
                clearButtonProps={{ 'aria-label': 'Remove the file' }}
              />
              {busy && (
                <Text size="sm" role="status">
                  Reading the file…
                </Text>
              )}
              {problem && (
                <Alert color="red" title="Not imported" role="alert">
                  {problem}
                </Alert>
              )}
            </Stack>
          </Paper>
          {columns && (
            <Paper withBorder p="md" component="section" aria-labelledby="mapping-heading">
              <Title order={2} size="h4" id="mapping-heading" mb="sm">
                Which column holds what
              </Title>
              <Stack>
                {PROMPTS.map((p) => select(p, `Answers: ${label(p)}`))}
                {CONSENTS.map((c) => select(c, `Consent: ${label(c)}${c === 'PARTICIPATION' ? ' (required)' : ''}`))}
                {FIELDS.map((f) => select(f, FIELD_LABEL[f]!))}
                <Select
                  label="How the consents were given"
                  data={['WRITTEN', 'VERBAL', 'ONLINE'].map((m) => ({ value: m, label: label(m) }))}
                  value={method}
                  onChange={setMethod}
                  required
                />
                <Select
                  label="Privacy notice version shown"
                  data={setup.data?.engagement.noticeVersions ?? []}
                  value={notice}
                  onChange={setNotice}
                  required
                />
                <Group>
                  <Button onClick={() => void check()} loading={busy} disabled={!sessionId || !notice || !method}>
                    Check the file
                  </Button>
                </Group>
              </Stack>
            </Paper>
          )}
          {found && (
            <Paper withBorder p="md" component="section" aria-labelledby="check-heading">
              <Title order={2} size="h4" id="check-heading" mb="sm">
                {found.fileName}
              </Title>
              <Text role="status">
                {found.rows} rows · {statusText(found.status, found.errorCount)}
              </Text>
              {rowErrors.length > 0 && (
                <Table mt="sm" captionSide="top">
                  <Table.Caption>Problems to put right in the file, then check it again</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Row</Table.Th>
                      <Table.Th scope="col">Column</Table.Th>
                      <Table.Th scope="col">Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rowErrors.map((e) => (
                      <Table.Tr key={`${e.row}-${e.column}`}>
                        <Table.Td>{e.row}</Table.Td>
                        <Table.Td>{e.column}</Table.Td>
                        <Table.Td>{e.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {found.errorCount > rowErrors.length && (
                <Text size="sm">And {found.errorCount - rowErrors.length} more.</Text>
              )}
              {found.status === 'CHECKED' && (
                <Button
                  mt="sm"
                  onClick={() => void start({ variables: { id: found.id } }).catch(() => undefined)}
                  loading={started.loading}
                >
                  Start the import
                </Button>
              )}
              {started.error && (
                <Alert color="red" role="alert" mt="sm">
                  {started.error.message}
                </Alert>
              )}
              {polling && <Progress mt="sm" value={found.progress} aria-label={`Import ${found.progress}% done`} />}
              {found.stage && <Text size="sm">{found.stage}</Text>}
              {found.status === 'DONE' && (
                <Text mt="sm">
                  Stored: {found.participantsStored} participants, {found.responsesStored} responses (
                  {found.flagsRaised} flagged for safeguarding).
                </Text>
              )}
            </Paper>
          )}
        </Stack>
      </QueryState>
    </>
  );
}

function statusText(status: string, errors: number): string {
  switch (status) {
    case 'WAITING_FOR_FILE':
      return 'waiting for the file';
    case 'CHECKED':
      return 'no problems: ready to import';
    case 'INVALID':
      return `${errors} ${errors === 1 ? 'problem' : 'problems'}: nothing will be imported until the file is put right`;
    case 'QUEUED':
      return 'waiting to start';
    case 'IMPORTING':
      return 'importing';
    case 'DONE':
      return 'done';
    case 'FAILED':
      return 'failed: nothing was imported';
    case 'DUPLICATE':
      return 'this file was already imported into the session: nothing stored again';
    default:
      return status;
  }
}
