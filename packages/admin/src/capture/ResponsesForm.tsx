import { ErrorCode, LIMITS, Prompt, PROMPT_QUESTIONS } from '@chorus/shared';
import { Alert, Button, Group, Kbd, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { getHotkeyHandler, useId } from '@mantine/hooks';
import { type RefObject, useMemo, useRef, useState } from 'react';
import { errorCode, formErrors } from '../common/errors';
import { LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { SubmitResponsesInput } from '../gql/graphql';
import { DiscardDraftButton } from './DiscardDraftButton';
import { GROUP_NOTES, type CaptureDraftState } from './useCaptureDraft';
import { TYPE_TO_CHOOSE } from '../common/typeToChoose';
import { useSubmitResponses } from './useSubmitResponses';

export const CaptureSpeakerFragment = graphql(`
  fragment CaptureSpeaker on Participant {
    id
    code
  }
`);

const PROMPTS = Object.values(Prompt);
const GROUP_NOTES_LABEL = 'Group notes (no participant)';

// Answers that mean the server looked at the batch and stored none of it: it must change before
// it is sent again, under a new key. Any other failure may have stored it, so the key is kept.
const REFUSALS = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.CONSENT_REQUIRED,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.IDEMPOTENCY_CONFLICT,
]);

interface Problems {
  speaker?: string;
  texts: Partial<Record<Prompt, string>>;
  form?: string;
}

function tooLong(text = ''): string | undefined {
  const length = text.trim().length;
  if (length <= LIMITS.textLength) return undefined;
  return `Shorten this to ${LIMITS.textLength.toLocaleString('en-GB')} characters or fewer (now ${length.toLocaleString('en-GB')}).`;
}

/** Where the server's messages about a batch belong: `responses.N.text` beside that prompt's box. */
function placeFailure(error: unknown, batch: SubmitResponsesInput): Problems {
  const { fields, form } = formErrors(error);
  const placed: Problems = { texts: {} };
  const elsewhere: string[] = form ? [form] : [];
  for (const [field, message] of Object.entries(fields)) {
    const [, index, part] = /^responses\.(\d+)\.(\w+)$/.exec(field) ?? [];
    const response = index === undefined ? undefined : batch.responses[Number(index)];
    if (response && part === 'text') placed.texts[response.prompt] ??= message;
    else if (response && part === 'participantId') placed.speaker ??= message;
    else elsewhere.push(message);
  }
  if (elsewhere.length) placed.form = elsewhere.join(' ');
  return placed;
}

interface Saved {
  count: number;
  duplicate: boolean;
  speaker: string;
}

interface ResponsesFormProps {
  draft: CaptureDraftState;
  speakers: FragmentType<typeof CaptureSpeakerFragment>[];
  /** Everyone registered at the session, of whom `speakers` are the most recent. */
  speakerTotal: number;
  /** The first response box, for the "responses" shortcut and to return to after a save. */
  firstTextareaRef: RefObject<HTMLTextAreaElement | null>;
}

/** One speaker's answers to the five prompts, saved as one batch that is stored once however often it is sent. */
export function ResponsesForm({ draft, speakers: speakerData, speakerTotal, firstTextareaRef }: ResponsesFormProps) {
  const speakers = getFragmentData(CaptureSpeakerFragment, speakerData);
  const [submit, { loading }] = useSubmitResponses();
  const [problems, setProblems] = useState<Problems>({ texts: {} });
  const [failure, setFailure] = useState<{ refused: boolean } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  // Set synchronously, unlike `loading`: a second Ctrl+Enter in the same instant sends nothing.
  const sending = useRef(false);
  const speakerRef = useRef<HTMLInputElement>(null);
  const textRefs = useRef<Partial<Record<Prompt, HTMLTextAreaElement | null>>>({});
  const titleId = useId();

  // Stable across renders, so a highlighted option survives them (see `options`).
  const speakerOptions = useMemo(
    () => [
      { value: GROUP_NOTES, label: GROUP_NOTES_LABEL },
      ...speakers.map((speaker) => ({ value: speaker.id, label: speaker.code })),
    ],
    [speakers],
  );
  const speakerName = (value: string | null) =>
    value === GROUP_NOTES ? 'group notes' : (speakerOptions.find((option) => option.value === value)?.label ?? '');
  const locked = draft.pending !== null;

  const check = (): Problems => {
    const found: Problems = { texts: {} };
    if (!draft.speaker) found.speaker = `Choose who is speaking, or “${GROUP_NOTES_LABEL}”.`;
    for (const prompt of PROMPTS) {
      const message = tooLong(draft.texts[prompt]);
      if (message) found.texts[prompt] = message;
    }
    if (!PROMPTS.some((prompt) => draft.texts[prompt]?.trim())) {
      found.form = 'Type at least one response before saving.';
    }
    return found;
  };

  const focusFirstProblem = (found: Problems) => {
    if (found.speaker) return speakerRef.current?.focus();
    const prompt = PROMPTS.find((p) => found.texts[p]) ?? PROMPTS[0];
    if (prompt) textRefs.current[prompt]?.focus();
  };

  const discard = () => {
    draft.discard();
    setFailure(null);
    setProblems({ texts: {} });
    firstTextareaRef.current?.focus();
  };

  const save = async () => {
    if (sending.current) return;
    setSaved(null);
    // A batch already sent is sent again exactly as it was; only new work is checked.
    if (!draft.pending) {
      const found = check();
      if (found.speaker || found.form || Object.keys(found.texts).length) {
        setProblems(found);
        focusFirstProblem(found);
        return;
      }
    }
    const batch = draft.prepareBatch();
    if (!batch) return;
    sending.current = true;
    setProblems({ texts: {} });
    setFailure(null);
    try {
      const result = await submit(batch);
      draft.confirmBatch();
      setSaved({
        count: result.responses.length,
        duplicate: result.duplicate,
        speaker: speakerName(String(batch.responses[0]?.participantId ?? GROUP_NOTES)),
      });
      firstTextareaRef.current?.focus();
    } catch (error) {
      const refused = REFUSALS.has(errorCode(error) ?? '');
      if (refused) draft.releaseBatch();
      const placed = placeFailure(error, batch);
      if (refused) placed.form ??= 'Nothing was saved. Correct what is marked, then save again.';
      setProblems(placed);
      setFailure({ refused });
      if (refused) focusFirstProblem(placed);
    } finally {
      sending.current = false;
    }
  };

  return (
    <form
      noValidate
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      // Built per key press: save reads refs, which render must not touch.
      onKeyDown={(event) => getHotkeyHandler([['ctrl+Enter', () => void save()]])(event)}
    >
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          Record responses
        </Title>
        {draft.restored && (
          <Alert
            color="blue"
            title="Unsent work restored"
            withCloseButton
            closeButtonLabel="Dismiss notice"
            onClose={draft.dismissRestored}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {draft.restored === 'batch'
                  ? 'A batch was being sent when this page closed. Save sends it again; Chorus stores it only once.'
                  : 'What you typed before the page closed is back. Carry on, then save.'}
              </Text>
              <DiscardDraftButton maybeSent={draft.restored === 'batch'} onDiscard={discard} />
            </Stack>
          </Alert>
        )}
        <Select
          label="Who is speaking"
          withAsterisk
          description={
            speakerTotal > speakers.length
              ? `Type a code to search. The ${speakers.length} most recently registered of ${speakerTotal} are listed.`
              : 'Type a code to search.'
          }
          placeholder="Choose a participant or group notes"
          data={speakerOptions}
          value={draft.speaker}
          onChange={(value) => {
            draft.setSpeaker(value);
            setProblems((current) => ({ ...current, speaker: undefined }));
          }}
          {...TYPE_TO_CHOOSE}
          allowDeselect={false}
          readOnly={locked}
          nothingFoundMessage="No participant with that code at this session"
          error={problems.speaker}
          ref={speakerRef}
        />
        {PROMPTS.map((prompt, index) => (
          <Textarea
            key={prompt}
            label={LABELS.prompt[prompt]}
            description={PROMPT_QUESTIONS[prompt]}
            rows={3}
            resize="vertical"
            value={draft.texts[prompt] ?? ''}
            onChange={(event) => draft.setText(prompt, event.currentTarget.value)}
            readOnly={locked}
            error={tooLong(draft.texts[prompt]) ?? problems.texts[prompt]}
            ref={(element) => {
              textRefs.current[prompt] = element;
              if (index === 0) firstTextareaRef.current = element;
            }}
          />
        ))}
        {failure && !failure.refused ? (
          <Alert
            color="orange"
            role="alert"
            title="Not confirmed yet"
            // Orange text on its light background is below AA contrast; the border keeps the warning colour.
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {problems.form} Save again to retry: the same batch is sent, and Chorus stores it only once even if the
                first attempt got through.
              </Text>
              <DiscardDraftButton maybeSent onDiscard={discard} />
            </Stack>
          </Alert>
        ) : (
          problems.form && (
            <Alert color="red" role="alert" title={failure ? 'Not saved' : undefined}>
              {problems.form}
            </Alert>
          )
        )}
        {locked && !failure && !loading && (
          <Text size="sm">This batch is waiting to be confirmed, so it cannot be changed until it is saved.</Text>
        )}
        <Group gap="sm">
          <Button type="submit" loading={loading}>
            {locked && !loading ? 'Send again' : 'Save responses'}
          </Button>
          <Text size="sm" c="dimmed">
            or press <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>
          </Text>
        </Group>
        <div role="status" aria-live="polite">
          {saved && (
            <Alert color="green" variant="light">
              <Text size="sm" fw={600}>
                Saved {saved.count} {saved.count === 1 ? 'response' : 'responses'}
                {saved.speaker && ` (${saved.speaker})`}.
              </Text>
              {saved.duplicate && (
                <Text size="sm">Chorus already had this batch from an earlier attempt, so it is stored only once.</Text>
              )}
            </Alert>
          )}
        </div>
      </Stack>
    </form>
  );
}
