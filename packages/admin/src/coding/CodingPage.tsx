import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useThemeOptions } from '../codebook/useThemeOptions';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { formatDateTime, LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { getFragmentData } from '../gql';
import { CodingList, CodingListItemFragment } from './CodingList';
import { ShortcutHelpModal, ShortcutsPanel } from './CodingShortcuts';
import { CodingResponseQuery, NextUncodedQuery } from './coding.graphql';
import { SelectableText } from './SelectableText';
import { useCodeResponse } from './useCodeResponse';
import { useShortcuts } from './useShortcuts';
import { runAsync } from '../common/handle';
import { Permission } from '@chorus/shared';
import { useSession } from '../auth/useSession';
import { quotePath } from '../quotes/quoteSteps';
import { useMarkQuote } from '../quotes/useQuoteSteps';
import { SuggestionChips } from '../suggestions/SuggestionChips';

const andList = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/** Which uncoded response comes next, skipping those the coder has already moved past. */
function useNextUncoded() {
  const client = useApolloClient();
  const passed = useRef(new Set<string>());
  const [state, setState] = useState<{ busy: boolean; noneLeft: boolean; error: unknown }>({
    busy: false,
    noneLeft: false,
    error: null,
  });
  const find = useCallback(
    async (current: string | null): Promise<string | null> => {
      if (current) passed.current.add(current);
      setState({ busy: true, noneLeft: false, error: null });
      try {
        const { data } = await client.query({
          query: NextUncodedQuery,
          variables: { first: 20 },
          fetchPolicy: 'network-only',
        });
        const ids = data?.responses.edges.map((edge) => edge.node.id) ?? [];
        const next = ids.find((id) => !passed.current.has(id)) ?? ids.find((id) => id !== current) ?? null;
        setState({ busy: false, noneLeft: next === null, error: null });
        return next;
      } catch (error) {
        setState({ busy: false, noneLeft: false, error });
        return null;
      }
    },
    [client],
  );
  return { find, ...state };
}

export default function CodingPage() {
  const [params, setParams] = useSearchParams();
  const responseId = params.get('response');
  const next = useNextUncoded();
  const { find } = next;
  // Moving on by "next" puts the coder straight into the new response's text.
  const [focusText, setFocusText] = useState(false);

  const goNext = async () => {
    const id = await find(responseId);
    if (id) {
      setFocusText(true);
      setParams({ response: id });
    }
  };

  // Arriving without a response: start with the newest uncoded one.
  useEffect(() => {
    if (responseId) return;
    void find(null).then((id) => id && setParams({ response: id }, { replace: true }));
  }, [responseId, find, setParams]);

  return (
    <>
      <PageTitle title="Coding">Coding</PageTitle>
      {!responseId ? (
        <QueryState
          loading={!next.noneLeft}
          error={next.error}
          onRetry={goNext}
          empty
          emptyTitle="Every response is coded"
          emptyText={
            <>
              New responses appear here as they arrive. Browse the{' '}
              <Anchor component={Link} to="/responses">
                responses
              </Anchor>{' '}
              to revisit coded ones.
            </>
          }
        >
          {null}
        </QueryState>
      ) : (
        <CodingWorkspace
          key={responseId}
          responseId={responseId}
          focusText={focusText}
          onNext={() => runAsync(goNext())}
          nextBusy={next.busy}
          nextError={next.error}
          noneLeft={next.noneLeft}
        />
      )}
    </>
  );
}

interface CodingWorkspaceProps {
  responseId: string;
  focusText: boolean;
  onNext: () => void;
  nextBusy: boolean;
  nextError: unknown;
  /** True once "next" found no other uncoded response. */
  noneLeft: boolean;
}

function CodingWorkspace({ responseId, focusText, onNext, nextBusy, nextError, noneLeft }: CodingWorkspaceProps) {
  const { data, loading, error, refetch } = useQuery(CodingResponseQuery, { variables: { id: responseId } });
  const response = data?.response;
  const codings = getFragmentData(CodingListItemFragment, response?.codings ?? []);
  const themes = useThemeOptions();
  const [codeResponse, coding] = useCodeResponse();
  const [markQuote, marking] = useMarkQuote();
  const { can } = useSession();
  const mayQuote = can(Permission.QuoteEdit);
  const maySuggest = can(Permission.SuggestionRead);
  const errors = formErrors(coding.error);
  const above = messageAboveForm(errors, ['excerpt', 'themeId']) ?? messageAboveForm(formErrors(marking.error), []);

  const [excerpt, setExcerpt] = useState('');
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<{ excerpt?: string; themes?: string }>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [quotedId, setQuotedId] = useState<string | null>(null);
  const [helpOpened, help] = useDisclosure(false);
  const [shortcutsOn, setShortcutsOn] = useLocalStorage({ key: 'chorus.coding.shortcuts', defaultValue: true });

  // A new selection in the text replaces the excerpt, and with it any complaint about the old one.
  const takePassage = useCallback((passage: string) => {
    setExcerpt(passage);
    setProblems(({ excerpt: _replaced, ...rest }) => rest);
  }, []);

  const textRef = useRef<HTMLDivElement>(null);
  const excerptRef = useRef<HTMLTextAreaElement>(null);
  const themesRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusText && response) textRef.current?.focus();
  }, [focusText, response]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!response || coding.saving) return;
    const passage = excerpt.trim();
    const found = {
      ...(passage && !response.text?.includes(passage)
        ? { excerpt: 'The excerpt must appear word for word in the response: select it in the text, or correct it' }
        : {}),
      ...(themeIds.length === 0 ? { themes: 'Choose at least one theme' } : {}),
    };
    setProblems(found);
    setNotice(null);
    if (found.excerpt) return excerptRef.current?.focus();
    if (found.themes) return themesRef.current?.focus();
    try {
      await codeResponse({ responseId, themeIds, excerpt: passage || null });
      const names = themeIds.map((id) => themes.options.find((option) => option.value === id)?.label ?? 'a theme');
      setNotice(`Coded ${passage ? 'the excerpt' : 'the whole response'} to ${andList.format(names)}.`);
      setExcerpt('');
      setThemeIds([]);
      document.getSelection()?.removeAllRanges();
      textRef.current?.focus();
    } catch {
      // shown beside the fields, or above the form
    }
  };

  /** Marks the excerpt (the selected passage) as a candidate quote, by where it stands in the text. */
  const markAsQuote = async () => {
    if (!response || !mayQuote || marking.loading) return;
    const passage = excerpt.trim();
    const start = passage ? (response.text ?? '').indexOf(passage) : -1;
    setNotice(null);
    setQuotedId(null);
    if (start < 0) {
      setProblems((found) => ({
        ...found,
        excerpt: passage
          ? 'The excerpt must appear word for word in the response: select it in the text, or correct it'
          : 'Select the passage to quote in the response text first',
      }));
      return excerptRef.current?.focus();
    }
    try {
      const quote = await markQuote({ responseId, start, end: start + passage.length });
      if (quote) setQuotedId(quote.id);
    } catch {
      // shown above the form
    }
  };

  useShortcuts(
    {
      ...(mayQuote ? { q: () => void markAsQuote() } : {}),
      s: () => textRef.current?.focus(),
      e: () => excerptRef.current?.focus(),
      t: () => themesRef.current?.focus(),
      c: () => void submit(),
      n: onNext,
      '?': help.open,
    },
    shortcutsOn,
  );

  const nextButton = (
    <Button variant="default" onClick={onNext} loading={nextBusy}>
      Next uncoded response
    </Button>
  );

  return (
    <>
      <QueryState loading={loading && !response} error={error} onRetry={() => refetch()}>
        {response && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <Paper withBorder p="md" component="section" aria-labelledby="response-heading">
                  <Group justify="space-between" mb="xs">
                    <Title order={2} size="h4" id="response-heading">
                      Response
                    </Title>
                    <Badge variant="light">{LABELS.prompt[response.prompt]}</Badge>
                  </Group>
                  <Text size="sm" mb="sm">
                    <Anchor component={Link} to={`/sessions/${response.session.id}`}>
                      {response.session.title}
                    </Anchor>
                    {' · '}
                    {formatDateTime(response.createdAt)}
                    {' · '}
                    <Anchor component={Link} to={`/responses/${response.id}`}>
                      Response page
                    </Anchor>
                  </Text>
                  <Text size="sm" c="dimmed" id="text-hint" mb="xs">
                    Select a passage with the mouse, or in the text with Shift and the arrow keys (add Ctrl for whole
                    words). It fills the excerpt below.
                  </Text>
                  <SelectableText
                    text={response.text ?? ''}
                    excerpts={codings.map((c) => c.excerpt)}
                    onSelectPassage={takePassage}
                    onEnter={() => void submit()}
                    regionRef={textRef}
                    hintId="text-hint"
                  />
                </Paper>

                <Paper withBorder p="md" component="section" aria-labelledby="code-heading">
                  <Title order={2} size="h4" mb="xs" id="code-heading">
                    Code this response
                  </Title>
                  <form
                    onSubmit={(event) => runAsync(submit(event))}
                    noValidate
                    aria-labelledby="code-heading"
                    onKeyDown={(event) => {
                      // Ctrl+Enter codes from any field; a plain Enter keeps its meaning there (a new line, picking a theme).
                      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
                        event.preventDefault();
                        void submit();
                      }
                    }}
                  >
                    <Stack>
                      {above && (
                        <Alert color="red" role="alert">
                          {above}
                        </Alert>
                      )}
                      {notice && (
                        <Alert color="green" role="status">
                          {notice}
                        </Alert>
                      )}
                      {quotedId && (
                        <Alert color="green" role="status">
                          Marked the excerpt as a candidate quote.{' '}
                          <Anchor component={Link} to={quotePath(quotedId)} inherit>
                            Open it in the quote register
                          </Anchor>
                        </Alert>
                      )}
                      <Textarea
                        ref={excerptRef}
                        label="Excerpt"
                        description="Filled from your selection; you can type or correct it. Leave it empty to code the whole response."
                        value={excerpt}
                        onChange={(e) => {
                          setExcerpt(e.currentTarget.value);
                          setProblems(({ excerpt: _fixed, ...rest }) => rest);
                        }}
                        error={problems.excerpt ?? errors.fields.excerpt}
                        autosize
                        minRows={2}
                        maxRows={6}
                      />
                      {themes.error ? (
                        <Alert color="red" role="alert" title="The themes could not be loaded">
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            onClick={() => {
                              // A failed retry comes back as `themes.error`; nothing else to report.
                              themes.refetch().catch(() => {});
                            }}
                          >
                            Try again
                          </Button>
                        </Alert>
                      ) : (
                        <MultiSelect
                          ref={themesRef}
                          label="Themes"
                          description="Type to filter by name; choose one or more."
                          placeholder={themes.loading ? 'Loading themes…' : 'Choose themes'}
                          data={themes.options}
                          value={themeIds}
                          onChange={(ids) => {
                            setThemeIds(ids);
                            setProblems(({ themes: _fixed, ...rest }) => rest);
                          }}
                          error={problems.themes ?? errors.fields.themeId}
                          searchable
                          clearable
                          disabled={themes.loading}
                          nothingFoundMessage={
                            themes.options.length ? 'No theme matches' : 'The codebook is empty: add themes first'
                          }
                          maxDropdownHeight={320}
                        />
                      )}
                      <Group justify="space-between">
                        <Group gap="xs">
                          <Button type="submit" loading={coding.saving}>
                            {excerpt.trim() ? 'Code excerpt' : 'Code whole response'}
                          </Button>
                          {mayQuote && (
                            <Button variant="default" onClick={() => runAsync(markAsQuote())} loading={marking.loading}>
                              Mark as quote
                            </Button>
                          )}
                        </Group>
                        {nextButton}
                      </Group>
                      {Boolean(nextError) && (
                        <Alert color="red" role="alert">
                          The next response could not be found. {formErrors(nextError).form}
                        </Alert>
                      )}
                      {noneLeft && (
                        <Text size="sm" role="status">
                          No other uncoded responses: every other response is coded.
                        </Text>
                      )}
                    </Stack>
                  </form>
                </Paper>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack>
                {maySuggest && (
                  <SuggestionChips
                    responseId={response.id}
                    shortcutsOn={shortcutsOn}
                    onAccepted={(name) => setNotice(`Coded the whole response to ${name}, as suggested.`)}
                  />
                )}
                <Paper withBorder p="md">
                  <CodingList responseId={response.id} codings={response.codings} />
                </Paper>
                <ShortcutsPanel enabled={shortcutsOn} onEnabledChange={setShortcutsOn} onShowAll={help.open} />
              </Stack>
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
      {error && <Group mt="md">{nextButton}</Group>}
      <ShortcutHelpModal opened={helpOpened} onClose={help.close} />
    </>
  );
}
