import { useQuery } from '@apollo/client/react';
import { cityMonthStart, type AgeBand, type Prompt, type SessionFormat } from '@chorus/shared';
import {
  Alert,
  Box,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useSearchParams } from 'react-router';
import { formErrors } from '../common/errors';
import { formatDate, options } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import type { AggregateFilter } from '../gql/graphql';
import { AggregateFilterChoicesQuery, ThemeSummaryPreviewQuery } from './aggregates.graphql';
import { SuppressibleCount } from './SuppressibleCount';
import { ThemeSummaryTable } from './ThemeSummaryTable';

/**
 * The filters live in the address, so a preview can be shared and the back button undoes a change.
 * Each picks one value or none, and the period is one calendar month: the shapes the disclosure
 * control allows (docs/disclosure-control.md), so figures cannot be differenced.
 */
const PARAMS = { areaIds: 'area', formats: 'format', prompts: 'prompt', ageBands: 'ageBand' } as const;
type OneValueFilter = keyof typeof PARAMS;

/** A `YYYY-MM` month as the instants it runs between in Europe/London, as the server counts months. */
function monthPeriod(month: string): { from?: string; to?: string } {
  const [from, to] = [cityMonthStart(month), cityMonthStart(month, 1)];
  return from && to ? { from: from.toISOString(), to: to.toISOString() } : {};
}

function toFilter(params: URLSearchParams): AggregateFilter {
  const filter: AggregateFilter = {};
  const one = (name: OneValueFilter) => params.get(PARAMS[name]);
  if (one('areaIds')) filter.areaIds = [one('areaIds')!];
  if (one('formats')) filter.formats = [one('formats') as SessionFormat];
  if (one('prompts')) filter.prompts = [one('prompts') as Prompt];
  if (one('ageBands')) filter.ageBands = [one('ageBands') as AgeBand];
  const month = params.get('month');
  if (month) Object.assign(filter, monthPeriod(month));
  return filter;
}

function Stat({ label, value, threshold }: { label: string; value: number | null; threshold: number }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700}>
        <SuppressibleCount value={value} threshold={threshold} />
      </Text>
    </Paper>
  );
}

export default function AggregatesPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const filter = toFilter(params);

  const choices = useQuery(AggregateFilterChoicesQuery);
  // Straight from the network, untouched by the cache: the raw JSON below is the response itself.
  const { data, loading, error, refetch } = useQuery(ThemeSummaryPreviewQuery, {
    variables: { filter },
    fetchPolicy: 'no-cache',
  });
  const errors = formErrors(error);
  const fieldError = (name: string) => errors.fields[`filter.${name}`];
  // A refused filter is shown beside its field; the figures wait until it is put right.
  const filterRefused = Object.keys(errors.fields).length > 0;
  const summary = data?.themeSummary;

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const engagement = choices.data?.engagement;

  return (
    <>
      <PageTitle title="Aggregates preview">Aggregates preview</PageTitle>
      <Text mb="lg" maw={760}>
        Theme figures exactly as a council system receives them with its read-only key: counts only, never a row about a
        person, and no count small enough to single someone out.
      </Text>
      <Stack gap="xl">
        <Paper withBorder p="md" component="section" aria-labelledby="filters-heading">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3" id="filters-heading">
              Filters
            </Title>
            <Button variant="default" size="xs" onClick={() => setParams({})}>
              Clear filters
            </Button>
          </Group>
          {choices.error && (
            <Alert color="red" role="alert" mb="sm">
              The areas could not be loaded; the other filters still work.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <Select
              label="Area"
              placeholder="Every area"
              data={choices.data?.areas.map((area) => ({ value: area.id, label: area.name })) ?? []}
              value={params.get(PARAMS.areaIds)}
              onChange={(value) => setParam(PARAMS.areaIds, value)}
              error={fieldError('areaIds.0') ?? fieldError('areaIds')}
              searchable
              clearable
            />
            <Select
              label="Format"
              placeholder="Every format"
              data={options('format')}
              value={params.get(PARAMS.formats)}
              onChange={(value) => setParam(PARAMS.formats, value)}
              error={fieldError('formats')}
              clearable
            />
            <Select
              label="Prompt"
              placeholder="Every prompt"
              data={options('prompt')}
              value={params.get(PARAMS.prompts)}
              onChange={(value) => setParam(PARAMS.prompts, value)}
              error={fieldError('prompts')}
              clearable
            />
            <Select
              label="Age band"
              description="Group notes and people who gave no age band are left out"
              placeholder="Every age band"
              data={options('ageBand')}
              value={params.get(PARAMS.ageBands)}
              onChange={(value) => setParam(PARAMS.ageBands, value)}
              error={fieldError('ageBands')}
              clearable
            />
            <TextInput
              type="month"
              label="Month"
              description={
                engagement?.startsOn
                  ? `Sessions starting in one calendar month, UK time; listening began ${formatDate(engagement.startsOn)}`
                  : 'Sessions starting in one calendar month, UK time'
              }
              value={month}
              onChange={(e) => setParam('month', e.currentTarget.value)}
              error={fieldError('from') ?? fieldError('to')}
            />
          </SimpleGrid>
        </Paper>

        <section aria-labelledby="figures-heading">
          <Title order={2} size="h3" id="figures-heading" mb="sm">
            Figures
          </Title>
          {filterRefused ? (
            <Text>Correct the filters marked above to see the figures.</Text>
          ) : (
            <QueryState
              loading={loading && !summary}
              error={error}
              onRetry={() => refetch()}
              empty={summary?.themes.length === 0}
              emptyTitle="No themes yet"
              emptyText="Figures appear once analysts build the codebook and code responses."
            >
              {summary && (
                <Stack>
                  <Alert color="indigo" variant="outline" title={`Counts below ${summary.threshold} are withheld`}>
                    Any theme whose responses or participants fall below {summary.threshold} shows as Suppressed, here
                    and in every release and export. Every released figure is moved by at most 3, the same way each
                    time, so that no withheld count can be worked out by subtracting one figure from another.
                  </Alert>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
                    <Stat label="Responses" value={summary.totalResponses} threshold={summary.threshold} />
                    <Stat label="Participants" value={summary.totalParticipants} threshold={summary.threshold} />
                  </SimpleGrid>
                  <ThemeSummaryTable summary={summary} />
                </Stack>
              )}
            </QueryState>
          )}
        </section>

        {data && (
          <section aria-labelledby="raw-heading">
            <Title order={2} size="h3" id="raw-heading" mb="sm">
              Raw JSON
            </Title>
            <details>
              <Box component="summary" style={{ cursor: 'pointer' }} mb="xs">
                Show the response exactly as the API returned it
              </Box>
              <Code
                block
                // Focusable and named so keyboard users can scroll it.
                tabIndex={0}
                role="region"
                aria-label="The API response as JSON"
                data-testid="raw-json"
                mah={480}
                style={{ overflow: 'auto' }}
              >
                {JSON.stringify({ data }, null, 2)}
              </Code>
            </details>
          </section>
        )}
      </Stack>
    </>
  );
}
