import { useQuery } from '@apollo/client/react';
import { Permission } from '@chorus/shared';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/useSession';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { formatDate } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { downloadExport, exportUrl } from './exportFile';
import { ReleaseQuotes } from '../quotes/ReleaseQuotes';
import { ReleaseCharts } from './ReleaseCharts';
import { ReleasedTableView } from './ReleasedTableView';
import { ReleaseSchedulePanel } from './ReleaseSchedulePanel';
import { ReleaseHistoryQuery, ReleaseTablesQuery } from './releases.graphql';
import { useExportFile } from './useExportFile';
import { usePublishRelease } from './usePublishRelease';

const PAGE_SIZE = 10;

export default function ReleasesPage() {
  const { can } = useSession();
  const pages = usePages('releases');
  const history = useQuery(ReleaseHistoryQuery, { variables: { first: PAGE_SIZE, after: pages.after } });
  const [chosen, setChosen] = useState<number | null>(null);
  const tables = useQuery(ReleaseTablesQuery, { variables: { version: chosen } });
  const release = tables.data?.release ?? null;
  const [table, setTable] = useState('themes-by-area');
  const version = release?.version ?? null;
  const preview = useExportFile(version, table);
  const byArea = useExportFile(version, 'themes-by-area');
  const byMonth = useExportFile(version, 'themes-by-month');
  const [publish, publishing] = usePublishRelease();
  const [notice, setNotice] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const releases = history.data?.releases;
  const publishError = messageAboveForm(formErrors(publishing.error), []);

  const onPublish = async () => {
    try {
      const made = await publish();
      if (!made) return;
      setChosen(null);
      setNotice(
        made.status === 'PUBLISHED'
          ? `Release ${made.version} published.`
          : `Release ${made.version} is being built; it appears here once published.`,
      );
    } catch {
      // shown from publishing.error
    }
  };
  const onDownload = async (format: 'csv' | 'json') => {
    if (version === null) return;
    setDownloadError(null);
    try {
      await downloadExport(version, table, format);
    } catch (error) {
      setDownloadError((error as Error).message);
    }
  };

  return (
    <>
      <PageTitle title="Releases">Releases</PageTitle>
      <Text mb="lg" maw={760}>
        A release is a fixed snapshot of every council table. Council systems read the latest release with their
        read-only key, so figures change only when a new release is published.
      </Text>
      <Stack gap="xl">
        {can(Permission.ReleasePublish) && (
          <Paper withBorder p="md" component="section" aria-labelledby="publish-heading">
            <Title order={2} size="h3" id="publish-heading" mb="sm">
              Publish a release
            </Title>
            <Stack>
              {notice && <SuccessNotice message={notice} />}
              {publishError && (
                <Alert color="red" role="alert">
                  {publishError}
                </Alert>
              )}
              <Group>
                <Button onClick={() => runAsync(onPublish())} loading={publishing.loading}>
                  Publish release
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}

        {can(Permission.ReleasePublish) && <ReleaseSchedulePanel />}

        <section aria-labelledby="history-heading">
          <Title order={2} size="h3" id="history-heading" mb="sm">
            Release history
          </Title>
          <QueryState
            loading={history.loading && !releases}
            error={history.error}
            onRetry={() => history.refetch()}
            empty={releases?.totalCount === 0}
            emptyTitle="No releases yet"
            emptyText="Council systems see no figures until the first release is published."
          >
            {releases && (
              <>
                <Table striped>
                  <Table.Caption>Releases, newest first</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Version</Table.Th>
                      <Table.Th scope="col">Status</Table.Th>
                      <Table.Th scope="col">Published</Table.Th>
                      <Table.Th scope="col">Threshold</Table.Th>
                      <Table.Th scope="col">Figures</Table.Th>
                      <Table.Th scope="col">Content hash</Table.Th>
                      <Table.Th scope="col">Preview</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {releases.edges.map(({ node }) => (
                      <Table.Tr key={node.version}>
                        <Table.Th scope="row">{node.version}</Table.Th>
                        <Table.Td>
                          <Badge
                            variant="dot"
                            color={node.status === 'PUBLISHED' ? 'green' : 'gray'}
                            tt="none"
                            miw="max-content"
                          >
                            {node.status.toLowerCase()}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{node.publishedAt ? formatDate(node.publishedAt) : '—'}</Table.Td>
                        <Table.Td>{node.threshold ?? '—'}</Table.Td>
                        <Table.Td>{node.cellCount ?? '—'}</Table.Td>
                        <Table.Td>
                          <Code>{node.contentHash?.slice(0, 12) ?? '—'}</Code>
                        </Table.Td>
                        <Table.Td>
                          {node.status === 'PUBLISHED' && (
                            <Button
                              variant="default"
                              size="xs"
                              onClick={() => setChosen(node.version)}
                              aria-pressed={version === node.version}
                            >
                              Preview release {node.version}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Pager connection={releases} pages={pages} pageSize={PAGE_SIZE} label="Release pages" />
              </>
            )}
          </QueryState>
        </section>

        {release && (
          <section aria-labelledby="preview-heading">
            <Title order={2} size="h3" id="preview-heading" mb="xs">
              Release {release.version}, as a council key receives it
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {release.method}
            </Text>
            <Group align="flex-end" mb="md">
              <NativeSelect
                label="Table"
                data={release.tables.map((t) => ({ value: t.name, label: t.title }))}
                value={table}
                onChange={(e) => setTable(e.currentTarget.value)}
              />
              <Button variant="default" onClick={() => runAsync(onDownload('csv'))}>
                Download CSV
              </Button>
              <Button variant="default" onClick={() => runAsync(onDownload('json'))}>
                Download JSON
              </Button>
            </Group>
            <Text size="sm" mb="sm">
              Council systems fetch this table at <Code>{exportUrl(release.version, table, 'csv')}</Code> or{' '}
              <Code>/exports/releases/latest/{table}.csv</Code>.
            </Text>
            {downloadError && (
              <Alert color="red" role="alert" mb="sm">
                {downloadError}
              </Alert>
            )}
            {preview.error && (
              <Alert color="red" role="alert">
                {preview.error.message}
              </Alert>
            )}
            {preview.file ? <ReleasedTableView file={preview.file} /> : !preview.error && <Loader size="sm" />}
            {can(Permission.QuoteRead) && <ReleaseQuotes version={release.version} />}
            {byArea.file && byMonth.file && (
              <Stack mt="xl">
                <Title order={2} size="h3">
                  Charts
                </Title>
                <ReleaseCharts byArea={byArea.file} byMonth={byMonth.file} />
              </Stack>
            )}
          </section>
        )}
      </Stack>
    </>
  );
}
