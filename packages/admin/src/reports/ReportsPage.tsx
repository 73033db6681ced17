import { useQuery } from '@apollo/client/react';
import { Permission } from '@chorus/shared';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useSession } from '../auth/useSession';
import { downloadWithToken } from '../common/download';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { BuildReportPanel } from './BuildReportPanel';
import { NarrativeEditor } from './NarrativeEditor';
import { PublishReportModal } from './PublishReportModal';
import { ReportPreview } from './ReportPreview';
import { BoardReportsQuery } from './reports.graphql';
import { ReportVersionsTable } from './ReportVersionsTable';

const PAGE_SIZE = 10;

export default function ReportsPage() {
  const { can } = useSession();
  const mayBuild = can(Permission.ReportBuild);
  const pages = usePages('reports');
  const history = useQuery(BoardReportsQuery, { variables: { first: PAGE_SIZE, after: pages.after } });
  const reports = history.data?.boardReports;
  const [requested, setRequested] = useState<number | null>(null);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [publishing, setPublishing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // Followed: the build asked for on this screen, or else the newest version if it is still building.
  const newest = pages.page === 1 ? reports?.edges[0]?.node : undefined;
  const tracking = requested ?? (newest?.status === 'BUILDING' ? newest.version : null);
  const previewed = reports?.edges.find(({ node }) => node.version === previewing)?.node ?? null;
  const { refetch } = history;
  const onSettled = useCallback(() => void refetch().catch(() => {}), [refetch]);

  const onDownload = async (version: number, format: 'html' | 'pdf') => {
    const report = reports?.edges.find(({ node }) => node.version === version)?.node;
    if (!report) return;
    setDownloadError(null);
    try {
      await downloadWithToken(
        format === 'html' ? report.htmlPath : report.pdfPath,
        `chorus-board-report-${version}.${format}`,
      );
    } catch (error) {
      setDownloadError(`Version ${version} as ${format.toUpperCase()}: ${(error as Error).message}`);
    }
  };

  return (
    <>
      <PageTitle title="Board report">Board report</PageTitle>
      <Text mb="lg" maw={760}>
        The findings report for the city board, built from a published release of the figures and the approved quotes.
        Every figure names its release table and cell, every quote its register entry; each chart has a table of its
        numbers beside it.
      </Text>
      <Stack gap="xl">
        {mayBuild && (
          <BuildReportPanel
            tracking={tracking}
            mayPublishRelease={can(Permission.ReleasePublish)}
            onRequested={(version) => {
              setNotice(null);
              setRequested(version);
            }}
            onSettled={onSettled}
          />
        )}

        <section aria-labelledby="versions-heading">
          <Title order={2} size="h3" id="versions-heading" mb="sm">
            Versions
          </Title>
          <Stack>
            {notice && <SuccessNotice message={notice} />}
            {downloadError && (
              <Alert color="red" role="alert">
                {downloadError}
              </Alert>
            )}
            <QueryState
              loading={history.loading && !reports}
              error={history.error}
              onRetry={() => history.refetch()}
              empty={reports?.totalCount === 0}
              emptyTitle="No report built yet"
              emptyText={
                mayBuild
                  ? 'Build the first version above; it is listed here with what it used.'
                  : 'Versions are listed here once an analyst or coordinator builds one.'
              }
            >
              {reports && (
                <>
                  <ReportVersionsTable
                    versions={reports.edges.map(({ node }) => node)}
                    previewing={previewing}
                    mayPublish={can(Permission.ReportPublish)}
                    onPreview={setPreviewing}
                    onDownload={(version, format) => void onDownload(version, format)}
                    onPublish={setPublishing}
                  />
                  <Pager connection={reports} pages={pages} pageSize={PAGE_SIZE} label="Version pages" />
                </>
              )}
            </QueryState>
          </Stack>
        </section>

        {previewed && (
          <section aria-labelledby="preview-heading">
            <Title order={2} size="h3" id="preview-heading" mb="xs">
              Version {previewed.version}, as it downloads
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              The preview runs no script and its links do not open here; each figure&apos;s release table and cell is
              printed beside it.
            </Text>
            <ReportPreview version={previewed.version} htmlPath={previewed.htmlPath} />
          </section>
        )}

        {mayBuild && <NarrativeEditor />}
      </Stack>

      <PublishReportModal
        version={publishing}
        onClose={() => setPublishing(null)}
        onPublished={(version) => {
          setPublishing(null);
          setNotice(`Version ${version} published: council systems can now read and download it.`);
        }}
      />
    </>
  );
}
