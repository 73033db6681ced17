import { useQuery } from '@apollo/client/react';
import { Permission } from '@chorus/shared';
import { Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../auth/useSession';
import { LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { OverviewQuery } from './overview.graphql';
import { ChannelReach } from './ChannelReach';
import { ReachChart } from './ReachChart';
import { SpecialCategoryReach } from './SpecialCategoryReach';
import { ThisWeek } from './ThisWeek';

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={`stat-${label}`}>
        {value}
      </Text>
    </Paper>
  );
}

export default function OverviewPage() {
  const { can } = useSession();
  const { data, loading, error, refetch } = useQuery(OverviewQuery, { fetchPolicy: 'network-only' });
  const overview = data?.overview;
  const mostByPrompt = Math.max(1, ...(overview?.responsesByPrompt.map((p) => p.responses) ?? []));
  return (
    <>
      <PageTitle title="Overview">Overview</PageTitle>
      <QueryState loading={loading && !overview} error={error} onRetry={() => refetch()}>
        {overview && (
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 2, md: 5 }}>
              <Stat label="Sessions held" value={overview.sessionsHeld} />
              <Stat label="Sessions planned" value={overview.sessionsPlanned} />
              <Stat label="Participants" value={overview.participants} />
              <Stat label="Responses" value={overview.responses} />
              <Stat label="Responses coded" value={`${Math.round(overview.codedShare * 100)}%`} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="sm">
                  Responses by prompt
                </Title>
                <Stack gap="sm">
                  {overview.responsesByPrompt.map((row) => (
                    <div key={row.prompt}>
                      <Text size="sm">
                        {LABELS.prompt[row.prompt]}: <strong>{row.responses}</strong>
                      </Text>
                      <Progress value={(row.responses / mostByPrompt) * 100} aria-hidden size="sm" />
                    </div>
                  ))}
                </Stack>
              </Paper>
              <ThisWeek sessions={overview.sessionsThisWeek} />
            </SimpleGrid>
            <ReachChart reach={overview.reach} />
            <ChannelReach rows={overview.reachByChannel} threshold={overview.threshold} />
            {can(Permission.DemographicsAggregateRead) && <SpecialCategoryReach />}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
