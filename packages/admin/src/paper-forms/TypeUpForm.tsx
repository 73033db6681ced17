import { ConsentPurpose, LIMITS, Prompt, type AgeBand, type CityConnection } from '@chorus/shared';
import { useApolloClient } from '@apollo/client/react';
import { Alert, Button, Checkbox, Kbd, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { getHotkeyHandler, useId } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { CaptureAreaOptionFragment } from '../capture/RegisterParticipantForm';
import { PersonFields } from '../capture/PersonFields';
import { NO_ANSWERS, SpecialCategoryFields, type SpecialCategoryAnswers } from '../capture/SpecialCategoryFields';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { LABELS } from '../common/labels';
import { getFragmentData, type FragmentType } from '../gql';
import type { PaperFormQuery as PaperFormResult } from '../gql/graphql';
import { PaperFormQuery } from './paperForms.graphql';
import { useTypeUpPaperForm } from './useTypeUpPaperForm';

type Sheet = PaperFormResult['paperForm'];

/** The fields a message can sit beside; any other server message goes above the form. */
type Field =
  | 'answers'
  | 'consents'
  | 'connections'
  | 'areaId'
  | 'ageBand'
  | 'demographics.ethnicity'
  | 'demographics.religion'
  | 'demographics.disability';
const FIELDS: Field[] = [
  'answers',
  'consents',
  'connections',
  'areaId',
  'ageBand',
  'demographics.ethnicity',
  'demographics.religion',
  'demographics.disability',
];

const PROMPTS = Object.values(Prompt);
const NO_WORDS = Object.fromEntries(PROMPTS.map((prompt) => [prompt, ''])) as Record<Prompt, string>;

interface TypeUpFormProps {
  areas: FragmentType<typeof CaptureAreaOptionFragment>[];
}

/**
 * Types up one printed paper form, keyboard first: the code on the sheet (Enter), then its
 * answers, the consent boxes exactly as ticked, and "about you"; Ctrl+Enter saves and returns to
 * the code for the next form. Boxes the sheet printed and left empty are refused, never skipped.
 */
export function TypeUpForm({ areas: areaData }: TypeUpFormProps) {
  const client = useApolloClient();
  const areas = getFragmentData(CaptureAreaOptionFragment, areaData);
  const [code, setCode] = useState('');
  const [codeMessage, setCodeMessage] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [words, setWords] = useState<Record<Prompt, string>>(NO_WORDS);
  const [ticked, setTicked] = useState<string[]>([]);
  const [connections, setConnections] = useState<string[]>([]);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [ageBand, setAgeBand] = useState<string | null>(null);
  const [special, setSpecial] = useState<SpecialCategoryAnswers>(NO_ANSWERS);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [typeUp, { loading, error, reset }] = useTypeUpPaperForm();
  const codeRef = useRef<HTMLInputElement>(null);
  const firstAnswerRef = useRef<HTMLTextAreaElement>(null);
  const participationRef = useRef<HTMLInputElement>(null);
  const firstConnectionRef = useRef<HTMLInputElement>(null);
  const fieldRefs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const saving = useRef(false);
  const ids = { title: useId(), answersMessage: useId() };

  // Once the sheet is found, the next thing the typist reads on it is the first answer.
  useEffect(() => {
    if (sheet) firstAnswerRef.current?.focus();
  }, [sheet]);

  const serverErrors = formErrors(error);
  const messageFor = (field: Field) => problems[field] ?? serverErrors.fields[field];
  const formMessage = messageAboveForm(serverErrors, [...FIELDS, 'code']);
  const shareSpecial = ticked.includes(ConsentPurpose.SPECIAL_CATEGORY_DATA);
  const clearProblem = (field: Field) => setProblems((current) => ({ ...current, [field]: undefined }));

  const clearForm = () => {
    setWords(NO_WORDS);
    setTicked([]);
    setConnections([]);
    setAreaId(null);
    setAgeBand(null);
    setSpecial(NO_ANSWERS);
    setProblems({});
  };

  const lookUp = async () => {
    if (looking) return;
    setSaved(null);
    reset();
    if (!code.trim()) {
      setCodeMessage('Type the code printed at the top of the form.');
      return;
    }
    setLooking(true);
    try {
      const { data } = await client.query({ query: PaperFormQuery, variables: { code }, fetchPolicy: 'network-only' });
      if (!data) throw new Error('paperForm answered without data');
      setSheet(data.paperForm);
      setCodeMessage(null);
      clearForm();
    } catch (caught) {
      const found = formErrors(caught);
      setSheet(null);
      setCodeMessage(found.fields.code ?? found.form ?? 'The code could not be checked. Try again.');
      codeRef.current?.focus();
    } finally {
      setLooking(false);
    }
  };

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!PROMPTS.some((prompt) => words[prompt].trim())) found.answers = 'Type at least one answer from the form.';
    const tooLong = PROMPTS.find((prompt) => words[prompt].length > LIMITS.textLength);
    if (tooLong)
      found.answers = `Shorten the answer to “${LABELS.prompt[tooLong]}” to ${LIMITS.textLength} characters.`;
    if (!ticked.includes(ConsentPurpose.PARTICIPATION)) {
      found.consents = `Nothing is kept from a form without “${LABELS.purpose[ConsentPurpose.PARTICIPATION]}” ticked. If that box is empty on the paper, set the form aside.`;
    }
    if (!connections.length) found.connections = 'Tick how they are part of the city, as on the form.';
    return found;
  };

  const focusField = (field: Field) => {
    if (field === 'answers') firstAnswerRef.current?.focus();
    else if (field === 'consents') participationRef.current?.focus();
    else if (field === 'connections') firstConnectionRef.current?.focus();
    else fieldRefs.current[field]?.focus();
  };

  const save = async () => {
    if (!sheet || saving.current) return;
    reset();
    const found = check();
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) return focusField(first);
    saving.current = true;
    try {
      const participant = await typeUp({
        code: sheet.code,
        ticked: ticked as ConsentPurpose[],
        answers: PROMPTS.filter((prompt) => words[prompt].trim()).map((prompt) => ({ prompt, text: words[prompt] })),
        connections: connections as CityConnection[],
        areaId,
        ageBand: ageBand as AgeBand | null,
        demographics: shareSpecial && Object.values(special).some((answer) => answer !== null) ? special : null,
      });
      setSaved(participant.code);
      setSheet(null);
      setCode('');
      clearForm();
      codeRef.current?.focus();
    } catch (caught) {
      const fields = formErrors(caught).fields;
      if (fields.code) {
        setCodeMessage(fields.code);
        codeRef.current?.focus();
      } else {
        const refused = FIELDS.find((field) => fields[field]);
        if (refused) focusField(refused);
      }
    } finally {
      saving.current = false;
    }
  };

  return (
    <Stack gap="md">
      <form
        noValidate
        aria-label="Find the form"
        onSubmit={(event) => {
          event.preventDefault();
          void lookUp();
        }}
      >
        <Stack gap="xs" maw={420}>
          <TextInput
            ref={codeRef}
            label="Code on the form"
            description="Printed at the top of every page, for example K7QM2P. A QR scanner can type it. Then press Enter."
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setCodeMessage(null);
              setSheet(null);
            }}
            error={codeMessage}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.1em' } }}
          />
          <div>
            <Button type="submit" variant="default" loading={looking}>
              Find form
            </Button>
          </div>
        </Stack>
      </form>
      <div role="status" aria-live="polite">
        {saved && (
          <Alert color="green" title="Form saved">
            The form with code {saved} is typed up. Type the next form&apos;s code.
          </Alert>
        )}
      </div>
      {sheet && (
        <form
          noValidate
          aria-labelledby={ids.title}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          onKeyDown={(event) => getHotkeyHandler([['ctrl+Enter', () => void save()]])(event)}
        >
          <Stack gap="md">
            <Title order={2} size="h4" id={ids.title}>
              Form {sheet.code}: {sheet.session.title}
            </Title>
            {formMessage && (
              <Alert color="red" role="alert" title="Not saved">
                {formMessage}
              </Alert>
            )}
            <Stack gap="sm" role="group" aria-labelledby={ids.answersMessage}>
              <Text id={ids.answersMessage} fw={500} size="sm">
                Answers, as written (redacted before they are stored)
              </Text>
              {PROMPTS.map((prompt, index) => (
                <Textarea
                  key={prompt}
                  ref={index === 0 ? firstAnswerRef : undefined}
                  label={`Question ${index + 1}: ${LABELS.prompt[prompt]}`}
                  autosize
                  minRows={2}
                  value={words[prompt]}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    setWords((current) => ({ ...current, [prompt]: text }));
                    clearProblem('answers');
                  }}
                  error={index === 0 ? messageFor('answers') : undefined}
                />
              ))}
            </Stack>
            <Checkbox.Group
              label="Consent boxes ticked on the form"
              description={`Notice version ${sheet.noticeVersion} printed. Tick exactly what is ticked on the paper: a box left empty there is recorded as refused.`}
              value={ticked}
              onChange={(value) => {
                setTicked(value);
                clearProblem('consents');
              }}
              error={messageFor('consents')}
            >
              <Stack gap={6} mt={6}>
                {sheet.purposes.map((purpose) => (
                  <Checkbox
                    key={purpose}
                    value={purpose}
                    label={LABELS.purpose[purpose]}
                    ref={purpose === ConsentPurpose.PARTICIPATION ? participationRef : undefined}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <PersonFields
              areas={areas}
              connections={connections}
              onConnectionsChange={(value) => {
                setConnections(value);
                clearProblem('connections');
              }}
              areaId={areaId}
              onAreaChange={setAreaId}
              ageBand={ageBand}
              onAgeBandChange={setAgeBand}
              messageFor={messageFor}
              firstConnectionRef={firstConnectionRef}
              fieldRef={(field) => (element) => {
                fieldRefs.current[field] = element;
              }}
            />
            {shareSpecial && (
              <SpecialCategoryFields
                answers={special}
                onChange={(field, value) => {
                  setSpecial((current) => ({ ...current, [field]: value }));
                  clearProblem(`demographics.${field}`);
                }}
                messageFor={(field) => messageFor(`demographics.${field}`)}
                fieldRef={(field) => (element) => {
                  fieldRefs.current[`demographics.${field}`] = element;
                }}
              />
            )}
            <Paper>
              <Button type="submit" loading={loading}>
                Save form
              </Button>
              <Text size="xs" c="dimmed" mt={4}>
                Or press <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> anywhere in this form.
              </Text>
            </Paper>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
