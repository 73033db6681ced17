import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { useSession } from '../auth/useSession';
import { getFragmentData } from '../gql';
import { EngagementDetailsForm } from './EngagementDetailsForm';
import { NoticeVersions } from './NoticeVersions';
import { EngagementDetailsFragment, EngagementDetailsQuery, EngagementSettingsQuery } from './settings.graphql';
import { ThresholdForm } from './ThresholdForm';
import { useSetRetentionDate } from './useSetRetentionDate';

const RUNS_SHOWN = 20;

function RetentionForm({ current, endsOn }: { current: string | null; endsOn: string | null }) {
  const [value, setValue] = useState(current ?? '');
  const [done, setDone] = useState<string | null>(null);
  const [set, { loading, error }] = useSetRetentionDate();
  const errors = error ? formErrors(error) : undefined;
  const save = async (retentionDate: string | null) => {
    setDone(null);
    try {
      const saved = await set(retentionDate);
      setValue(saved?.retentionDate ?? '');
      setDone(saved?.retentionDate ? `Retention date set to ${saved.retentionDate}.` : 'Retention date cleared.');
    } catch {
      // shown from `error` below
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    runAsync(save(value.trim() || null));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Set the retention date">
      <Stack align="flex-start">
        {done && <SuccessNotice message={done} />}
        {errors?.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          type="date"
          label="Retention date"
          description={`After this day, contact details and ethnicity, religion and disability answers are deleted by a job. ${
            endsOn ? `On or after the last day of listening (${endsOn}).` : ''
          }`}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={errors?.fields.retentionDate}
          w={360}
        />
        <Group>
          <Button type="submit" loading={loading}>
            Save retention date
          </Button>
          {current && (
            <Button variant="default" onClick={() => runAsync(save(null))} disabled={loading}>
              Clear it
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function EngagementSections() {
  const { can } = useSession();
  const { data, loading, error, refetch } = useQuery(EngagementDetailsQuery);
  const engagement = data ? getFragmentData(EngagementDetailsFragment, data.engagement) : undefined;
  return (
    <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
      {engagement && (
        <Stack gap="xl">
          {can(Permission.EngagementManage) && (
            <>
              <Paper withBorder p="md" component="section" aria-labelledby="engagement-heading">
                <Title order={2} size="h3" id="engagement-heading" mb="sm">
                  Name and listening period
                </Title>
                <EngagementDetailsForm engagement={engagement} />
              </Paper>
              <Paper withBorder p="md" component="section" aria-labelledby="notices-heading">
                <Title order={2} size="h3" id="notices-heading" mb="sm">
                  Privacy-notice versions
                </Title>
                <NoticeVersions versions={engagement.noticeVersions} />
              </Paper>
            </>
          )}
          {can(Permission.DisclosureManage) && (
            <Paper withBorder p="md" component="section" aria-labelledby="threshold-heading">
              <Title order={2} size="h3" id="threshold-heading" mb="sm">
                Suppression threshold
              </Title>
              <ThresholdForm threshold={engagement.suppressionThreshold} />
            </Paper>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

function RetentionSections() {
  const { data, loading, error, refetch } = useQuery(EngagementSettingsQuery, { variables: { first: RUNS_SHOWN } });
  const runs = data?.retentionRuns.edges.map((edge) => edge.node) ?? [];
  return (
    <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
      {data && (
        <Stack gap="xl">
          <Paper withBorder p="md" component="section" aria-labelledby="retention-heading">
            <Title order={2} size="h3" id="retention-heading" mb="sm">
              Retention
            </Title>
            <RetentionForm current={data.engagement.retentionDate ?? null} endsOn={data.engagement.endsOn ?? null} />
          </Paper>
          <section aria-labelledby="runs-heading">
            <Title order={2} size="h3" id="runs-heading" mb="sm">
              What the retention job did
            </Title>
            {runs.length === 0 ? (
              <Text size="sm">The retention job has not run yet.</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table>
                  <Table.Caption>
                    Each run of the retention job, newest first: counts only
                    {data.retentionRuns.totalCount > RUNS_SHOWN ? ` (latest ${RUNS_SHOWN})` : ''}
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Ran</Table.Th>
                      <Table.Th scope="col">Retention date</Table.Th>
                      <Table.Th scope="col">Contact details deleted</Table.Th>
                      <Table.Th scope="col">Special category answers deleted</Table.Th>
                      <Table.Th scope="col">Name digests deleted</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {runs.map((run) => (
                      <Table.Tr key={run.id}>
                        <Table.Td>{formatDateTime(run.ranAt)}</Table.Td>
                        <Table.Td>{run.retentionDate}</Table.Td>
                        <Table.Td>{run.contactDetailsDeleted}</Table.Td>
                        <Table.Td>{run.specialCategoryDeleted}</Table.Td>
                        <Table.Td>{run.nameDigestsDeleted}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
        </Stack>
      )}
    </QueryState>
  );
}

/** The engagement's settings; each section only for the roles that may change it. */
export default function SettingsPage() {
  const { can } = useSession();
  return (
    <>
      <PageTitle title="Engagement settings">Engagement settings</PageTitle>
      <Stack gap="xl">
        {(can(Permission.EngagementManage) || can(Permission.DisclosureManage)) && <EngagementSections />}
        {can(Permission.RetentionManage) && <RetentionSections />}
      </Stack>
    </>
  );
}
