import { useQuery } from '@apollo/client/react';
import type { AgeBand, Prompt, SessionFormat } from '@chorus/shared';
import {
  Alert,
  Box,
  Button,
  Code,
  Group,
  MultiSelect,
  Paper,
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

/** The filters live in the address, so a preview can be shared and the back button undoes a change. */
const LIST_PARAMS = { areaIds: 'area', formats: 'format', prompts: 'prompt', ageBands: 'ageBand' } as const;
type ListFilter = keyof typeof LIST_PARAMS;

/** A calendar day typed in the browser, as the instant it starts there. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`);

function toFilter(params: URLSearchParams): AggregateFilter {
  const filter: AggregateFilter = {};
  const list = (name: ListFilter) => params.getAll(LIST_PARAMS[name]);
  if (list('areaIds').length) filter.areaIds = list('areaIds');
  if (list('formats').length) filter.formats = list('formats') as SessionFormat[];
  if (list('prompts').length) filter.prompts = list('prompts') as Prompt[];
  if (list('ageBands').length) filter.ageBands = list('ageBands') as AgeBand[];
  const from = params.get('from');
  const to = params.get('to');
  if (from) filter.from = startOfDay(from).toISOString();
  // The "to" day is included: the filter runs up to the start of the next day.
  if (to) {
    const end = startOfDay(to);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
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
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const datesBackwards = Boolean(from && to && to < from);
  const filter = toFilter(params);

  const choices = useQuery(AggregateFilterChoicesQuery);
  // Straight from the network, untouched by the cache: the raw JSON below is the response itself.
  const { data, loading, error, refetch } = useQuery(ThemeSummaryPreviewQuery, {
    variables: { filter },
    fetchPolicy: 'no-cache',
    skip: datesBackwards,
  });
  const errors = formErrors(error);
  const fieldError = (name: string) => errors.fields[`filter.${name}`];
  // A refused filter is shown beside its field; the figures wait until it is put right.
  const filterRefused = datesBackwards || Object.keys(errors.fields).length > 0;
  const summary = data?.themeSummary;

  const setList = (name: ListFilter, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(LIST_PARAMS[name]);
    for (const value of values) next.append(LIST_PARAMS[name], value);
    setParams(next);
  };
  const setDay = (name: 'from' | 'to', day: string) => {
    const next = new URLSearchParams(params);
    if (day) next.set(name, day);
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
            <MultiSelect
              label="Areas"
              placeholder={params.getAll(LIST_PARAMS.areaIds).length ? undefined : 'Every area'}
              data={choices.data?.areas.map((area) => ({ value: area.id, label: area.name })) ?? []}
              value={params.getAll(LIST_PARAMS.areaIds)}
              onChange={(values) => setList('areaIds', values)}
              error={Object.entries(errors.fields).find(([path]) => path.startsWith('filter.areaIds'))?.[1]}
              searchable
            />
            <MultiSelect
              label="Formats"
              placeholder={params.getAll(LIST_PARAMS.formats).length ? undefined : 'Every format'}
              data={options('format')}
              value={params.getAll(LIST_PARAMS.formats)}
              onChange={(values) => setList('formats', values)}
            />
            <MultiSelect
              label="Prompts"
              placeholder={params.getAll(LIST_PARAMS.prompts).length ? undefined : 'Every prompt'}
              data={options('prompt')}
              value={params.getAll(LIST_PARAMS.prompts)}
              onChange={(values) => setList('prompts', values)}
            />
            <MultiSelect
              label="Age bands"
              description="Group notes and people who gave no age band are left out"
              placeholder={params.getAll(LIST_PARAMS.ageBands).length ? undefined : 'Every age band'}
              data={options('ageBand')}
              value={params.getAll(LIST_PARAMS.ageBands)}
              onChange={(values) => setList('ageBands', values)}
            />
            <TextInput
              type="date"
              label="Sessions from"
              description={engagement?.startsOn ? `Listening began ${formatDate(engagement.startsOn)}` : undefined}
              value={from}
              onChange={(e) => setDay('from', e.currentTarget.value)}
              error={fieldError('from')}
            />
            <TextInput
              type="date"
              label="Sessions to (inclusive)"
              description={engagement?.endsOn ? `Listening ends ${formatDate(engagement.endsOn)}` : undefined}
              value={to}
              onChange={(e) => setDay('to', e.currentTarget.value)}
              error={datesBackwards ? 'Choose a day on or after the “from” day' : fieldError('to')}
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
                    and in every export. Totals below it are withheld too.
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
