import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, Modal, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { CodebookQuery } from '../codebook/codebook.graphql';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import {
  CreateThemeFromCandidateMutation,
  FindThemeCandidatesMutation,
  ThemeCandidatesQuery,
} from './suggestions.graphql';

const POLL_MS = 1_000;
type Candidate = NonNullable<ReturnType<typeof useCandidates>['run']>['candidates'][number];

function useCandidates() {
  const query = useQuery(ThemeCandidatesQuery, { fetchPolicy: 'cache-and-network' });
  const run = query.data?.suggestionRun ?? null;
  const working = run?.status === 'QUEUED' || run?.status === 'RUNNING';
  const { startPolling, stopPolling } = query;
  // Read the run again while its job works, so the progress bar moves.
  useEffect(() => {
    if (!working) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [working, startPolling, stopPolling]);
  return { ...query, run, working };
}

/**
 * Candidate themes on the codebook screen: groups of uncoded responses, each with its keyphrases
 * and examples, made into a theme in one step. Finding them runs as a job with a progress bar.
 */
export function ThemeCandidatesPanel({ mayFind, mayCode }: { mayFind: boolean; mayCode: boolean }) {
  const { run, working, error, refetch } = useCandidates();
  const [find, finding] = useMutation(FindThemeCandidatesMutation);
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = run?.candidates.filter((c) => !c.theme) ?? [];

  const start = async () => {
    setNotice(null);
    try {
      await find();
      await refetch();
    } catch {
      // shown below
    }
  };

  return (
    <Paper withBorder p="md" mt="lg" component="section" aria-labelledby="candidates-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="candidates-heading">
          Candidate themes
        </Title>
        {mayFind && (
          <Button variant="default" onClick={() => runAsync(start())} loading={finding.loading} disabled={working}>
            Find candidate themes
          </Button>
        )}
      </Group>
      <Text size="sm" mb="sm" maw={640}>
        Groups of similar uncoded responses, with the words that mark each group and the responses most typical of it.
        Read the examples before naming a theme.
      </Text>
      {(error ?? finding.error) && (
        <Alert color="red" role="alert" mb="sm">
          {formErrors(error ?? finding.error).form ?? 'Candidate themes could not be loaded.'}
        </Alert>
      )}
      {notice && (
        <Alert color="green" role="status" mb="sm">
          {notice}
        </Alert>
      )}
      {working && run && (
        <Stack gap={4} mb="sm">
          <Text size="sm">Grouping uncoded responses… {Math.round(run.progress * 100)} %</Text>
          <Progress value={Math.round(run.progress * 100)} aria-label="Grouping uncoded responses" />
        </Stack>
      )}
      {run?.status === 'FAILED' && (
        <Alert color="red" role="alert" mb="sm">
          The last grouping failed. Start it again.
        </Alert>
      )}
      {run?.status === 'READY' && open.length === 0 && (
        <Text size="sm" c="dimmed">
          No open candidates: every group found is a theme now, or the uncoded responses did not fall into groups.
        </Text>
      )}
      {!run && !working && (
        <Text size="sm" c="dimmed">
          No grouping has been run yet.
        </Text>
      )}
      {run?.status === 'READY' && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Candidates">
          {open.map((candidate) => (
            <li key={candidate.id}>
              <Paper withBorder p="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={4}>
                    <Text fw={600}>{candidate.keyphrases.join(' · ')}</Text>
                    <Text size="sm">{candidate.size} uncoded responses</Text>
                    <Text size="sm" fw={500} mt={4}>
                      Examples
                    </Text>
                    <Stack gap={2} component="ol" m={0} pl="md">
                      {candidate.examples.map((example) => (
                        <Text key={example.id} size="sm" component="li" lineClamp={2}>
                          {example.text}
                        </Text>
                      ))}
                    </Stack>
                  </Stack>
                  {mayFind && (
                    <Button
                      size="xs"
                      onClick={() => setChosen(candidate)}
                      aria-label={`Create theme from ${candidate.keyphrases.join(', ')}`}
                    >
                      Create theme
                    </Button>
                  )}
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      {chosen && (
        <CreateFromCandidateModal
          candidate={chosen}
          mayCode={mayCode}
          onClose={() => setChosen(null)}
          onCreated={(message) => {
            setChosen(null);
            setNotice(message);
            runAsync(refetch());
          }}
        />
      )}
    </Paper>
  );
}

const capitalised = (phrase: string) => phrase.charAt(0).toUpperCase() + phrase.slice(1);

function CreateFromCandidateModal({
  candidate,
  mayCode,
  onClose,
  onCreated,
}: {
  candidate: Candidate;
  mayCode: boolean;
  onClose: () => void;
  onCreated: (message: string) => void;
}) {
  const [create, creating] = useMutation(CreateThemeFromCandidateMutation, {
    refetchQueries: [CodebookQuery],
    awaitRefetchQueries: true,
  });
  const [name, setName] = useState(capitalised(candidate.keyphrases[0] ?? ''));
  const [codeExamples, setCodeExamples] = useState(mayCode);
  const errors = formErrors(creating.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { data } = await create({
        variables: { input: { candidateId: candidate.id, name, codeExamples } },
      });
      const made = data?.createThemeFromCandidate.name ?? name;
      onCreated(
        codeExamples
          ? `Created the theme ${made} and coded ${candidate.examples.length} example responses to it.`
          : `Created the theme ${made}.`,
      );
    } catch {
      // shown beside the fields
    }
  };

  return (
    <Modal opened onClose={onClose} title="Create a theme from this candidate">
      <form onSubmit={(event) => runAsync(submit(event))} noValidate>
        <Stack>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Text size="sm">{candidate.keyphrases.join(' · ')}</Text>
          <TextInput
            label="Theme name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name ?? errors.fields.candidateId}
            required
            data-autofocus
          />
          {mayCode && (
            <Checkbox
              label={`Also code the ${candidate.examples.length} example responses to it`}
              checked={codeExamples}
              onChange={(e) => setCodeExamples(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={creating.loading}>
              Create theme
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
