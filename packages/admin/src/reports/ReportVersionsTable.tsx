import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReportStatus } from '../gql/graphql';
import { formatDateTime } from '../common/labels';

export interface ReportVersion {
  version: number;
  releaseVersion: number;
  status: ReportStatus;
  figureCount: number | null;
  quoteCount: number | null;
  quotesLeftOut: number | null;
  containsWithdrawnQuote: boolean;
  builtAt: string | null;
  publishedAt: string | null;
}

const STATUS: Record<ReportStatus, { label: string; color: string }> = {
  BUILDING: { label: 'Building', color: 'blue' },
  READY: { label: 'Ready', color: 'green' },
  FAILED: { label: 'Failed', color: 'red' },
};

interface ReportVersionsTableProps {
  versions: ReportVersion[];
  previewing: number | null;
  mayPublish: boolean;
  onPreview: (version: number) => void;
  onDownload: (version: number, format: 'html' | 'pdf') => void;
  onPublish: (version: number) => void;
}

/** Every version, newest first, with what it used and whether council keys can read it. */
export function ReportVersionsTable({
  versions,
  previewing,
  mayPublish,
  onPreview,
  onDownload,
  onPublish,
}: ReportVersionsTableProps) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped>
        <Table.Caption>Versions of the board report, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Release</Table.Th>
            <Table.Th scope="col">Built</Table.Th>
            <Table.Th scope="col">Figures</Table.Th>
            <Table.Th scope="col">Quotes</Table.Th>
            <Table.Th scope="col">Quotes left out</Table.Th>
            <Table.Th scope="col">Published</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((report) => {
            const ready = report.status === 'READY';
            return (
              <Table.Tr key={report.version}>
                <Table.Th scope="row">{report.version}</Table.Th>
                <Table.Td>
                  <Badge variant="dot" color={STATUS[report.status].color} tt="none" miw="max-content">
                    {STATUS[report.status].label}
                  </Badge>
                  {report.containsWithdrawnQuote && (
                    <Text size="xs" c="red.8" mt={4}>
                      Contains a withdrawn quote; its downloads now leave it out
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{report.releaseVersion}</Table.Td>
                <Table.Td>{report.builtAt ? formatDateTime(report.builtAt) : '—'}</Table.Td>
                <Table.Td>{report.figureCount ?? '—'}</Table.Td>
                <Table.Td>{report.quoteCount ?? '—'}</Table.Td>
                <Table.Td>
                  {report.quotesLeftOut === null
                    ? '—'
                    : report.quotesLeftOut === 0
                      ? 'None'
                      : `${report.quotesLeftOut}: consent withdrawn`}
                </Table.Td>
                <Table.Td>{report.publishedAt ? formatDateTime(report.publishedAt) : 'Not published'}</Table.Td>
                <Table.Td>
                  {ready && (
                    <Group gap="xs">
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => onPreview(report.version)}
                        aria-pressed={previewing === report.version}
                      >
                        Preview version {report.version}
                      </Button>
                      <Button variant="default" size="xs" onClick={() => onDownload(report.version, 'html')}>
                        Download HTML
                        <VisuallyHidden> of version {report.version}</VisuallyHidden>
                      </Button>
                      <Button variant="default" size="xs" onClick={() => onDownload(report.version, 'pdf')}>
                        Download PDF
                        <VisuallyHidden> of version {report.version}</VisuallyHidden>
                      </Button>
                      {mayPublish && !report.publishedAt && (
                        <Button size="xs" onClick={() => onPublish(report.version)}>
                          Publish version {report.version}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
