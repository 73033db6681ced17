import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useThemeOptions } from '../codebook/useThemeOptions';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { BlindQueueQuery } from './agreement.graphql';
import { useSubmitBlindCoding } from './useAgreementActions';

/**
 * A coder's queue of sampled responses to code blind: the words and the prompt only. The server
 * gives this screen no coding and no suggestion of these responses; it shows none either.
 */
export default function BlindCodingPage() {
  const { data, loading, error, refetch } = useQuery(BlindQueueQuery, { variables: { first: 1 } });
  const queue = data?.myAgreementAssignments;
  const current = queue?.edges[0]?.node;
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <PageTitle title="Blind coding">Blind coding</PageTitle>
      <Stack>
        {done && <SuccessNotice message={done} />}
        <QueryState
          loading={loading && !data}
          error={error}
          onRetry={() => refetch()}
          empty={!current}
          emptyTitle="Nothing to code blind"
          emptyText="When a coordinator draws a sample and names you, its responses appear here one at a time."
        >
          {current && queue && (
            <BlindItem
              key={current.id}
              assignmentId={current.id}
              left={queue.totalCount}
              response={current.response}
              onDone={(message) => setDone(message)}
            />
          )}
        </QueryState>
      </Stack>
    </>
  );
}

interface BlindItemProps {
  assignmentId: string;
  left: number;
  response: { prompt: keyof typeof LABELS.prompt; text: string; language: string };
  onDone: (message: string) => void;
}

function BlindItem({ assignmentId, left, response, onDone }: BlindItemProps) {
  const themes = useThemeOptions();
  const [submit, state] = useSubmitBlindCoding();
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [noneConfirmed, setNoneConfirmed] = useState(false);
  const themesRef = useRef<HTMLInputElement>(null);
  const errors = formErrors(state.error);
  const themeError =
    errors.fields.themeIds ?? Object.entries(errors.fields).find(([field]) => field.startsWith('themeIds.'))?.[1];

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (state.loading) return;
    // An empty coding is an answer ("no theme applies"), so it is asked for explicitly.
    if (themeIds.length === 0 && !noneConfirmed) {
      setNoneConfirmed(true);
      return;
    }
    try {
      await submit(assignmentId, themeIds);
      onDone(
        themeIds.length
          ? `Submitted: ${themeIds.length} ${themeIds.length === 1 ? 'theme' : 'themes'}.`
          : 'Submitted: no theme applies.',
      );
    } catch {
      // shown beside the themes, or above the form
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="blind-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="blind-heading">
          Response to code
        </Title>
        <Group gap="xs">
          <Badge variant="dot" tt="none" miw="max-content">
            {LABELS.prompt[response.prompt]}
          </Badge>
          <Text size="sm" c="dimmed">
            {left} left to code
          </Text>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Code it as you read it: its existing coding is hidden from you until you submit. Your coding is final.
      </Text>
      <Text lang={response.language} mb="md" style={{ whiteSpace: 'pre-wrap' }} data-testid="blind-text">
        {response.text}
      </Text>
      <form
        onSubmit={(event) => runAsync(save(event))}
        noValidate
        aria-labelledby="blind-heading"
        onKeyDown={(event) => {
          // Ctrl+Enter submits from the theme picker, where a plain Enter picks a theme.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
            event.preventDefault();
            void save();
          }
        }}
      >
        <Stack>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          {themes.error ? (
            <Alert color="red" role="alert" title="The themes could not be loaded">
              <Button size="xs" variant="light" color="red" onClick={() => runAsync(themes.refetch())}>
                Try again
              </Button>
            </Alert>
          ) : (
            <MultiSelect
              ref={themesRef}
              label="Themes that apply"
              description="Type to filter by name; choose any number. Ctrl+Enter submits."
              placeholder={themes.loading ? 'Loading themes…' : 'Choose themes'}
              data={themes.options}
              value={themeIds}
              onChange={(ids) => {
                setThemeIds(ids);
                setNoneConfirmed(false);
              }}
              error={themeError}
              searchable
              clearable
              disabled={themes.loading}
              nothingFoundMessage="No theme matches"
              maxDropdownHeight={320}
            />
          )}
          {noneConfirmed && themeIds.length === 0 && (
            <Text size="sm" role="status">
              No theme chosen: submit again to record that no theme applies, or choose themes.
            </Text>
          )}
          <Group>
            <Button type="submit" loading={state.loading}>
              {themeIds.length === 0 && noneConfirmed ? 'Submit: no theme applies' : 'Submit blind coding'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
