import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { themePathLabel } from '../codebook/themeTree';
import { CodeResponseMutation } from '../coding/coding.graphql';
import { useShortcuts } from '../coding/useShortcuts';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { RejectThemeSuggestionMutation, ThemeSuggestionsQuery } from './suggestions.graphql';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

interface SuggestionChipsProps {
  responseId: string;
  /** Whether the single-key shortcuts are on (the coding screen's switch). */
  shortcutsOn: boolean;
  onAccepted: (themeName: string) => void;
}

/**
 * The themes the model suggests for the response, each with the words that drove it: one key
 * (A) accepts the first, coding the whole response to it and recording the model version; one
 * key (R) rejects it, which is recorded so the theme is not suggested for this response again.
 */
export function SuggestionChips({ responseId, shortcutsOn, onAccepted }: SuggestionChipsProps) {
  const { data, loading, error, refetch } = useQuery(ThemeSuggestionsQuery, {
    variables: { responseId },
    fetchPolicy: 'network-only',
  });
  const [code, coding] = useMutation(CodeResponseMutation);
  const [rejectSuggestion, rejecting] = useMutation(RejectThemeSuggestionMutation);
  const shown = data?.themeSuggestions ?? [];
  const first = shown[0];

  const accept = async (suggestion: (typeof shown)[number]) => {
    if (coding.loading) return;
    try {
      await code({
        variables: {
          input: { responseId, themeId: suggestion.theme.id, suggestionModelVersion: suggestion.modelVersion },
        },
      });
      onAccepted(themePathLabel(suggestion.theme));
      await refetch();
    } catch {
      // shown below
    }
  };
  const reject = async (suggestion: (typeof shown)[number]) => {
    if (rejecting.loading) return;
    try {
      await rejectSuggestion({
        variables: {
          input: { responseId, themeId: suggestion.theme.id, modelVersion: suggestion.modelVersion },
        },
      });
      await refetch();
    } catch {
      // shown below
    }
  };

  useShortcuts(
    first ? { a: () => runAsync(accept(first)), r: () => runAsync(reject(first)) } : {},
    shortcutsOn && Boolean(first),
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="suggestions-heading">
      <Title order={2} size="h4" mb="xs" id="suggestions-heading">
        Suggested themes
      </Title>
      {error && (
        <Alert color="red" role="alert">
          Suggestions could not be loaded.
        </Alert>
      )}
      {coding.error && (
        <Alert color="red" role="alert">
          {formErrors(coding.error).form ?? 'The suggestion could not be accepted.'}
        </Alert>
      )}
      {rejecting.error && (
        <Alert color="red" role="alert">
          {formErrors(rejecting.error).form ?? 'The suggestion could not be rejected.'}
        </Alert>
      )}
      {!loading && !error && shown.length === 0 && (
        <Text size="sm" c="dimmed">
          No suggestions for this response. They come from a model trained on this engagement&apos;s codings, once there
          are 20.
        </Text>
      )}
      {shown.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Suggestions">
          {shown.map((suggestion, index) => (
            <li key={suggestion.theme.id}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Stack gap={0}>
                  <Text fw={600}>
                    {themePathLabel(suggestion.theme)}{' '}
                    <Text span size="sm" c="dimmed">
                      {percent.format(suggestion.score)}
                    </Text>
                  </Text>
                  <Text size="sm">Because of: {suggestion.words.join(', ')}</Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    onClick={() => runAsync(accept(suggestion))}
                    loading={coding.loading && index === 0}
                    aria-label={`Accept ${themePathLabel(suggestion.theme)}`}
                  >
                    Accept
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => runAsync(reject(suggestion))}
                    aria-label={`Reject ${themePathLabel(suggestion.theme)}`}
                  >
                    Reject
                  </Button>
                </Group>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {first && shortcutsOn && (
        <Text size="xs" mt="xs">
          <Kbd>a</Kbd> accepts and <Kbd>r</Kbd> rejects the first suggestion.
        </Text>
      )}
    </Paper>
  );
}
