import { ConsentMethod, ConsentPurpose, LIMITS, type AgeBand, type CityConnection } from '@chorus/shared';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Input,
  Kbd,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { getHotkeyHandler, useId, useMergedRef } from '@mantine/hooks';
import { useRef, useState, type ChangeEvent, type RefObject } from 'react';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { enumValue, LABELS, options } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { PersonFields } from './PersonFields';
import { NO_ANSWERS, SpecialCategoryFields, type SpecialCategoryAnswers } from './SpecialCategoryFields';
import { useRegisterParticipant } from './useRegisterParticipant';

export const CaptureAreaOptionFragment = graphql(`
  fragment CaptureAreaOption on Area {
    id
    name
  }
`);

/** The fields a message can sit beside; any other server message goes above the form. */
type Field =
  | 'connections'
  | 'areaId'
  | 'ageBand'
  | 'consents'
  | 'contact.name'
  | 'contact.email'
  | 'contact.phone'
  | `demographics.${keyof SpecialCategoryAnswers}`;
const FIELDS: Field[] = [
  'connections',
  'areaId',
  'ageBand',
  'consents',
  'contact.name',
  'contact.email',
  'contact.phone',
  'demographics.ethnicity',
  'demographics.religion',
  'demographics.disability',
];

// The server's own rules, checked here first so the facilitator hears about them at once.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+\d][\d\s().-]{5,}$/;
const PHONE_LENGTH = 40;

const PARTICIPATION_LABEL = LABELS.purpose[ConsentPurpose.PARTICIPATION];
// Refusing participation is not registering at all, so only the other purposes can be recorded as refused.
const OPTIONAL_PURPOSES = options('purpose').filter(
  (option) => enumValue(ConsentPurpose, option.value) !== ConsentPurpose.PARTICIPATION,
);

interface Contact {
  name: string;
  email: string;
  phone: string;
}
const NO_CONTACT: Contact = { name: '', email: '', phone: '' };

export interface RegisteredParticipant {
  id: string;
  code: string;
}

interface RegisterParticipantFormProps {
  sessionId: string;
  areas: FragmentType<typeof CaptureAreaOptionFragment>[];
  /** The privacy-notice version people are shown now; null when the engagement has none yet. */
  noticeVersion: string | null;
  /** Returns whether the new person became the speaker (not while another's words are unsaved). */
  onRegistered: (participant: RegisteredParticipant) => boolean;
  /** The first field, for the "new participant" shortcut. */
  firstFieldRef?: RefObject<HTMLInputElement | null>;
}

/** Registers one person at the session: connection to the city, area, age band and consent decisions. */
export function RegisterParticipantForm({
  sessionId,
  areas: areaData,
  noticeVersion,
  onRegistered,
  firstFieldRef,
}: RegisterParticipantFormProps) {
  const areas = getFragmentData(CaptureAreaOptionFragment, areaData);
  const [connections, setConnections] = useState<string[]>([]);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [ageBand, setAgeBand] = useState<string | null>(null);
  const [granted, setGranted] = useState<string[]>([]);
  // Put to the person and declined; a purpose in neither list was not asked, and nothing is recorded for it.
  const [refused, setRefused] = useState<string[]>([]);
  const [method, setMethod] = useState<string>(ConsentMethod.VERBAL);
  const [contact, setContact] = useState<Contact>(NO_CONTACT);
  const [answers, setAnswers] = useState<SpecialCategoryAnswers>(NO_ANSWERS);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [registered, setRegistered] = useState<(RegisteredParticipant & { speaking: boolean }) | null>(null);
  const [register, { loading, error, reset }] = useRegisterParticipant(sessionId);
  const fieldRefs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  // Registering is not idempotent: a second Ctrl+Enter before the first answer must send nothing.
  const registering = useRef(false);
  const participationRef = useRef<HTMLInputElement>(null);
  const firstConnectionRef = useRef<HTMLInputElement>(null);
  const firstConnection = useMergedRef(firstConnectionRef, firstFieldRef);
  const ids = { title: useId(), method: useId(), participationHint: useId() };

  const wantsContact = granted.includes(ConsentPurpose.FOLLOW_UP_CONTACT);
  const hasParticipation = granted.includes(ConsentPurpose.PARTICIPATION);
  // Asked only once the person agreed; answers chosen before they changed their mind are not sent.
  const sharesDemographics = granted.includes(ConsentPurpose.SPECIAL_CATEGORY_DATA);

  const serverErrors = formErrors(error);
  // CONSENT_REQUIRED names `consents` or `contact`: both are about the consent checklist.
  const serverFields: Partial<Record<Field, string>> = {
    ...serverErrors.fields,
    consents: serverErrors.fields.consents ?? serverErrors.fields.contact,
  };
  const messageFor = (field: Field) => problems[field] ?? serverFields[field];
  const formMessage = messageAboveForm(serverErrors, [...FIELDS, 'contact']);

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!connections.length) found.connections = 'Choose at least one connection to the city.';
    if (!hasParticipation) {
      found.consents = `No one is registered without consent to take part. Ask the person, and tick “${PARTICIPATION_LABEL}” if they agree.`;
    }
    if (wantsContact) {
      if (contact.name.trim().length > LIMITS.nameLength) {
        found['contact.name'] = `Shorten the name to ${LIMITS.nameLength} characters or fewer.`;
      }
      if (contact.email.trim() && !EMAIL.test(contact.email.trim())) {
        found['contact.email'] = 'Enter an email address like name@example.org.';
      }
      const phone = contact.phone.trim();
      if (phone && (!PHONE.test(phone) || phone.length > PHONE_LENGTH)) {
        found['contact.phone'] = 'Enter a phone number: digits, optionally with +, spaces or brackets.';
      }
    }
    return found;
  };

  const focusField = (field: Field) => {
    if (field === 'consents' && !hasParticipation) participationRef.current?.focus();
    else if (field === 'connections') firstConnectionRef.current?.focus();
    else fieldRefs.current[field]?.focus();
  };

  const submit = async () => {
    if (registering.current || !noticeVersion) return;
    reset();
    setRegistered(null);
    const found = check();
    setProblems(found);
    const firstProblem = FIELDS.find((field) => found[field]);
    if (firstProblem) {
      focusField(firstProblem);
      return;
    }
    registering.current = true;
    const consentMethod = method as ConsentMethod;
    const contactGiven = wantsContact && (contact.name.trim() || contact.email.trim() || contact.phone.trim());
    const answersGiven = sharesDemographics && Object.values(answers).some((answer) => answer !== null);
    try {
      const participant = await register({
        sessionId,
        connections: connections as CityConnection[],
        areaId,
        ageBand: ageBand as AgeBand | null,
        // Only what was asked: agreed ones as granted, declined ones as refused, the rest not at all.
        consents: Object.values(ConsentPurpose)
          .filter((purpose) => granted.includes(purpose) || refused.includes(purpose))
          .map((purpose) => ({ purpose, granted: granted.includes(purpose), method: consentMethod, noticeVersion })),
        contact: contactGiven
          ? {
              name: contact.name.trim() || null,
              email: contact.email.trim() || null,
              phone: contact.phone.trim() || null,
            }
          : null,
        demographics: answersGiven ? answers : null,
      });
      setConnections([]);
      setAreaId(null);
      setAgeBand(null);
      setGranted([]);
      setRefused([]);
      setContact(NO_CONTACT);
      setAnswers(NO_ANSWERS);
      setRegistered({ ...participant, speaking: onRegistered(participant) });
    } catch (caught) {
      const fields = formErrors(caught).fields;
      const firstRefused = FIELDS.find((field) => fields[field]);
      if (firstRefused) focusField(firstRefused);
    } finally {
      registering.current = false;
    }
  };

  // A message goes once its field is changed; the rest stay until the next attempt.
  const clearProblem = (field: Field) => setProblems((current) => ({ ...current, [field]: undefined }));
  const setContactField = (field: keyof Contact) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setContact((current) => ({ ...current, [field]: value }));
    clearProblem(`contact.${field}`);
  };

  return (
    <Stack gap="md">
      <form
        noValidate
        aria-labelledby={ids.title}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        // Built per key press: submit reads refs, which render must not touch.
        onKeyDown={(event) => getHotkeyHandler([['ctrl+Enter', () => void submit()]])(event)}
      >
        <Stack gap="md">
          <Title order={2} size="h4" id={ids.title}>
            Register a participant
          </Title>
          {!noticeVersion && (
            <Alert
              color="yellow"
              role="alert"
              title="No privacy notice set up"
              // Mantine's yellow title fails AA contrast on the light background.
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
            >
              People must be shown a privacy notice before they agree to take part. Ask an admin to add the notice
              version to the engagement, then register participants here.
            </Alert>
          )}
          {formMessage && (
            <Alert color="red" role="alert" title="Not registered">
              {formMessage}
            </Alert>
          )}
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
            firstConnectionRef={firstConnection}
            fieldRef={(field) => (element) => {
              fieldRefs.current[field] = element;
            }}
          />
          <Checkbox.Group
            label="Consent"
            description={
              noticeVersion ? `Notice version ${noticeVersion} shown. Tick what the person agrees to.` : undefined
            }
            value={granted}
            onChange={(value) => {
              setGranted(value);
              setRefused((current) => current.filter((purpose) => !value.includes(purpose)));
              clearProblem('consents');
            }}
            error={messageFor('consents')}
          >
            <Stack gap={6} mt={6}>
              {options('purpose').map((option) => (
                <Checkbox
                  key={option.value}
                  value={option.value}
                  label={option.label}
                  ref={
                    enumValue(ConsentPurpose, option.value) === ConsentPurpose.PARTICIPATION
                      ? participationRef
                      : undefined
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group
            label="Asked and refused"
            description="Tick what the person was asked and declined. A purpose ticked in neither list was not asked, and nothing is recorded for it."
            value={refused}
            onChange={(value) => {
              setRefused(value);
              setGranted((current) => current.filter((purpose) => !value.includes(purpose)));
            }}
          >
            <Stack gap={6} mt={6}>
              {OPTIONAL_PURPOSES.map((option) => (
                <Checkbox key={option.value} value={option.value} label={`Refused: ${option.label}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <div>
            <Input.Label id={ids.method} labelElement="div" mb={4}>
              How consent was given
            </Input.Label>
            <SegmentedControl
              aria-labelledby={ids.method}
              data={options('method')}
              value={method}
              onChange={setMethod}
            />
          </div>
          {sharesDemographics && (
            <SpecialCategoryFields
              answers={answers}
              onChange={(field, value) => {
                setAnswers((current) => ({ ...current, [field]: value }));
                clearProblem(`demographics.${field}`);
              }}
              messageFor={(field) => messageFor(`demographics.${field}`)}
              fieldRef={(field) => (element) => {
                fieldRefs.current[`demographics.${field}`] = element;
              }}
            />
          )}
          {wantsContact && (
            <Fieldset legend="Contact details (kept only with consent to be contacted again)" variant="filled">
              <Stack gap="sm">
                <TextInput
                  label="Name"
                  autoComplete="off"
                  value={contact.name}
                  onChange={setContactField('name')}
                  error={messageFor('contact.name')}
                  ref={(element) => {
                    fieldRefs.current['contact.name'] = element;
                  }}
                />
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="off"
                  value={contact.email}
                  onChange={setContactField('email')}
                  error={messageFor('contact.email')}
                  ref={(element) => {
                    fieldRefs.current['contact.email'] = element;
                  }}
                />
                <TextInput
                  label="Phone"
                  type="tel"
                  autoComplete="off"
                  value={contact.phone}
                  onChange={setContactField('phone')}
                  error={messageFor('contact.phone')}
                  ref={(element) => {
                    fieldRefs.current['contact.phone'] = element;
                  }}
                />
              </Stack>
            </Fieldset>
          )}
          <div>
            <Button
              type="submit"
              loading={loading}
              disabled={!noticeVersion}
              aria-describedby={hasParticipation ? undefined : ids.participationHint}
            >
              Register participant
            </Button>
            {!hasParticipation && (
              <Text id={ids.participationHint} size="sm" mt={6}>
                Registering needs consent to take part: tick “{PARTICIPATION_LABEL}” once the person agrees.
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              Or press <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> anywhere in this form.
            </Text>
          </div>
        </Stack>
      </form>
      <div role="status" aria-live="polite">
        {registered && (
          <Paper withBorder p="md" bg="indigo.0">
            <Text size="sm" fw={600}>
              Participant registered. Their code:
            </Text>
            <Text
              ff="monospace"
              fz={40}
              fw={700}
              lh={1.2}
              style={{ letterSpacing: '0.15em' }}
              data-testid="participant-code"
            >
              {registered.code}
            </Text>
            <Text size="sm">
              Write it on their paper form.{' '}
              {registered.speaking
                ? 'They are now chosen as the speaker.'
                : `Save the responses already typed first, then choose ${registered.code} as the speaker.`}
            </Text>
          </Paper>
        )}
      </div>
    </Stack>
  );
}
