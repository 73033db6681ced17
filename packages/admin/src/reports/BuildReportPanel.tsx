import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { formatDate } from '../common/labels';
import { QueryState } from '../common/QueryState';
import { BuildProgress } from './BuildProgress';
import { ReportReleasesQuery } from './reports.graphql';
import { useBuildReport } from './useReportActions';

/** Releases offered to build from: the newest page of the history is enough in practice. */
const RELEASES_SHOWN = 50;

interface BuildReportPanelProps {
  /** The version whose build is followed: the one just asked for, or one still building. */
  tracking: number | null;
  /** Whether this person may publish a release themselves, or must ask a coordinator. */
  mayPublishRelease: boolean;
  onRequested: (version: number) => void;
  onSettled: () => void;
}

/** Builds a new version from the release the person picks, then follows its build to the end. */
export function BuildReportPanel({ tracking, mayPublishRelease, onRequested, onSettled }: BuildReportPanelProps) {
  const releases = useQuery(ReportReleasesQuery, { variables: { first: RELEASES_SHOWN } });
  const published = (releases.data?.releases.edges ?? [])
    .map(({ node }) => node)
    .filter((release) => release.status === 'PUBLISHED');
  const [picked, setPicked] = useState<number | null>(null);
  const chosen = picked ?? published[0]?.version ?? null;
  const [build, building] = useBuildReport();
  const errors = formErrors(building.error);
  const message = messageAboveForm(errors, ['releaseVersion']);

  const onBuild = async () => {
    if (chosen === null) return;
    try {
      const made = await build(chosen);
      if (made) onRequested(made.version);
    } catch {
      // shown from building.error
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="build-heading">
      <Title order={2} size="h3" id="build-heading" mb="sm">
        Build a version
      </Title>
      <Text size="sm" mb="sm" maw={720}>
        A version is built from one published release of the figures and the quotes approved now, with the narrative as
        it stands. Consent to be quoted is checked again while it builds.
      </Text>
      <QueryState
        loading={releases.loading && !releases.data}
        error={releases.error}
        onRetry={() => releases.refetch()}
        empty={published.length === 0}
        emptyTitle="No published release yet"
        emptyText={
          <>
            A report is built from a published release of the figures, so there is nothing to build from yet.{' '}
            {mayPublishRelease ? (
              <>
                <Anchor component={Link} to="/releases">
                  Publish a release on the Releases screen
                </Anchor>
                , then come back here.
              </>
            ) : (
              <>
                Ask a coordinator to publish one on the{' '}
                <Anchor component={Link} to="/releases">
                  Releases screen
                </Anchor>
                .
              </>
            )}
          </>
        }
      >
        <Stack>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group align="flex-end">
            <NativeSelect
              label="Release to build from"
              data={published.map((release) => ({
                value: String(release.version),
                label: `Release ${release.version}${release.publishedAt ? `, published ${formatDate(release.publishedAt)}` : ''}`,
              }))}
              value={chosen === null ? '' : String(chosen)}
              onChange={(event) => setPicked(Number(event.currentTarget.value))}
              error={errors.fields.releaseVersion}
            />
            <Button onClick={() => runAsync(onBuild())} loading={building.loading}>
              Build report
            </Button>
          </Group>
          {tracking !== null && <BuildProgress key={tracking} version={tracking} onSettled={onSettled} />}
        </Stack>
      </QueryState>
    </Paper>
  );
}
