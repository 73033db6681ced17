import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { SuggestionModelQuery, TrainSuggestionModelMutation } from './suggestions.graphql';

const POLL_MS = 1_000;
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const STAGES: Record<string, string> = { QUEUED: 'Waiting to start', RUNNING: 'Training on the codings' };

/**
 * The suggestion model on the codebook screen: which version suggests themes, when it was
 * trained, on how many codings and how many changed since; training again runs as a job whose
 * progress bar is followed until it is done.
 */
export function SuggestionModelPanel({ mayTrain }: { mayTrain: boolean }) {
  const query = useQuery(SuggestionModelQuery, { fetchPolicy: 'cache-and-network' });
  const [train, training] = useMutation(TrainSuggestionModelMutation);
  const run = query.data?.suggestionRun ?? null;
  const ready = query.data?.suggestionModel ?? null;
  const working = run?.status === 'QUEUED' || run?.status === 'RUNNING';
  const { startPolling, stopPolling, refetch } = query;
  // Read the run again while its job works, so the progress bar moves.
  useEffect(() => {
    if (!working) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [working, startPolling, stopPolling]);

  const start = async () => {
    try {
      await train();
      await refetch();
    } catch {
      // shown below
    }
  };
  const percentDone = Math.round((run?.progress ?? 0) * 100);

  return (
    <Paper withBorder p="md" mt="lg" component="section" aria-labelledby="model-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="model-heading">
          Suggestion model
        </Title>
        {mayTrain && (
          <Button variant="default" onClick={() => runAsync(start())} loading={training.loading} disabled={working}>
            Train now
          </Button>
        )}
      </Group>
      {(query.error ?? training.error) && (
        <Alert color="red" role="alert" mb="sm">
          {formErrors(query.error ?? training.error).form ?? 'The suggestion model could not be loaded.'}
        </Alert>
      )}
      {ready ? (
        <Text size="sm" data-testid="model-status">
          Version {ready.version}, trained {when.format(new Date(ready.finishedAt ?? ready.createdAt))} on{' '}
          {ready.codingsUsed ?? 0} codings of {ready.responsesUsed ?? 0} responses; {ready.codingsChangedSince ?? 0}{' '}
          codings changed since. It retrains by itself once enough change.
        </Text>
      ) : (
        !query.loading && (
          <Text size="sm" c="dimmed">
            No model yet: the first is trained once there are 20 codings.
          </Text>
        )
      )}
      {working && run && (
        <Stack gap={4} mt="sm">
          <Text size="sm">
            {STAGES[run.status]}… {percentDone} %
          </Text>
          <Progress value={percentDone} aria-label={`Training version ${run.version}`} />
        </Stack>
      )}
      {run?.status === 'FAILED' && (
        <Alert color="red" role="alert" mt="sm">
          Training version {run.version} failed; the version before it still suggests themes. Train again, or add
          codings first if there are none yet.
        </Alert>
      )}
    </Paper>
  );
}
