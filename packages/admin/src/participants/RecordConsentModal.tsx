import type { ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { Alert, Button, Group, Modal, NativeSelect, Radio, Stack } from '@mantine/core';
import type { FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { LABELS, options } from '../common/labels';
import { useFormFields } from '../common/useFormFields';
import { useRecordConsent } from './useRecordConsent';
import { runAsync } from '../common/handle';

interface RecordConsentModalProps {
  participantId: string;
  code: string;
  opened: boolean;
  /** The engagement's privacy-notice versions, oldest first; the last is current. */
  noticeVersions: string[];
  onClose: () => void;
  onRecorded: (summary: string) => void;
}

// The server names fields inside the one consent it was given.
const NOTICE_FIELD = 'consent.0.noticeVersion';

function RecordConsentForm({
  participantId,
  noticeVersions,
  onCancel,
  onRecorded,
}: Omit<RecordConsentModalProps, 'opened' | 'code' | 'onClose'> & { onCancel: () => void }) {
  const [record, { loading, error }] = useRecordConsent();
  const { values, problems, errors, errorFor, formRef, set, accept } = useFormFields(
    { purpose: '', decision: '', method: '', noticeVersion: noticeVersions.at(-1) ?? '' },
    error,
  );
  const { purpose, decision, method, noticeVersion } = values;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = accept({
      purpose: purpose ? undefined : 'Choose what the consent is for',
      decision: decision ? undefined : 'Choose whether they agreed or refused',
      method: method ? undefined : 'Choose how they gave their decision',
      noticeVersion: noticeVersion ? undefined : 'Choose the privacy notice they were shown',
    });
    if (!ok) return;
    const granted = decision === 'granted';
    try {
      await record(participantId, {
        purpose: purpose as ConsentPurpose,
        granted,
        method: method as ConsentMethod,
        noticeVersion,
      });
      onRecorded(
        `${LABELS.purpose[purpose as ConsentPurpose]}: ${granted ? 'agreed' : 'refused'}, ${LABELS.method[method as ConsentMethod].toLowerCase()}, notice ${noticeVersion}.`,
      );
    } catch {
      // shown from `error` below
    }
  };
  const above = messageAboveForm(errors, [NOTICE_FIELD]);

  return (
    <form ref={formRef} onSubmit={(event) => runAsync(submit(event))} noValidate aria-label="Record a consent decision">
      <Stack>
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <NativeSelect
          label="Consent for"
          data={[{ value: '', label: 'Choose a purpose' }, ...options('purpose')]}
          value={purpose}
          onChange={(e) => set('purpose', e.currentTarget.value)}
          error={problems.purpose}
          required
          data-autofocus
        />
        <Radio.Group
          label="Their decision"
          value={decision}
          onChange={(value) => set('decision', value)}
          error={problems.decision}
          required
        >
          <Group mt="xs">
            <Radio value="granted" label="Agreed" />
            <Radio value="refused" label="Refused" />
          </Group>
        </Radio.Group>
        <NativeSelect
          label="How they gave it"
          data={[{ value: '', label: 'Choose a method' }, ...options('method')]}
          value={method}
          onChange={(e) => set('method', e.currentTarget.value)}
          error={problems.method}
          required
        />
        <NativeSelect
          label="Privacy notice shown"
          description={noticeVersions.length ? `The current notice is ${noticeVersions.at(-1)}` : undefined}
          data={[{ value: '', label: 'Choose a notice version' }, ...noticeVersions]}
          value={noticeVersion}
          onChange={(e) => set('noticeVersion', e.currentTarget.value)}
          error={errorFor('noticeVersion', NOTICE_FIELD)}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Record consent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A consent decision made later, e.g. agreeing to be quoted after the session. */
export function RecordConsentModal({ opened, code, onClose, ...form }: RecordConsentModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Record consent for ${code}`}
      closeButtonProps={{ 'aria-label': 'Close without recording' }}
    >
      {/* The modal mounts its content only while open, so each opening starts with a fresh form. */}
      <RecordConsentForm {...form} onCancel={onClose} />
    </Modal>
  );
}
