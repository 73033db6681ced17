import { LIMITS } from '@chorus/shared';
import { Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFormFields } from '../common/useFormFields';
import { messageAboveForm } from '../common/formMessage';
import { SettingsForm } from './SettingsForm';
import { useAddNoticeVersion } from './useEngagementMutations';

const LABELS = { version: 'the version' };

/** The privacy-notice versions, oldest first, and a form to add the next (engagement.manage). */
export function NoticeVersions({ versions }: { versions: readonly string[] }) {
  const [add, { loading, error }] = useAddNoticeVersion();
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields({ version: '' }, error, LABELS);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const version = values.version.trim();
    const ok = accept({ version: version ? undefined : 'Enter the new version’s label, such as 2026-09.' });
    if (!ok) return;
    try {
      const result = await add(version);
      if (!result) return;
      reset();
      setSaved(`${version} added: consent forms now offer it first.`);
    } catch {
      // shown beside the field, or above the form
    }
  };

  return (
    <Stack align="flex-start">
      {versions.length === 0 ? (
        <Text size="sm">No privacy-notice version is listed yet. Add the one people are shown.</Text>
      ) : (
        <List aria-label="Privacy-notice versions, oldest first" spacing={4}>
          {versions.map((version, i) => (
            <List.Item key={version}>
              <Group gap="xs">
                <Text span>{version}</Text>
                {i === versions.length - 1 && (
                  <Text span fw={600}>
                    (current)
                  </Text>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <SettingsForm
        label="Add a privacy-notice version"
        formRef={formRef}
        onSubmit={submit}
        saved={saved}
        formError={messageAboveForm(errors, Object.keys(LABELS))}
        submitLabel="Add version"
        loading={loading}
      >
        <TextInput
          label="New version"
          description="It becomes the current notice, the one consent forms and paper forms offer first. Versions are never removed: consents already recorded name them."
          value={values.version}
          onChange={(e) => {
            set('version', e.currentTarget.value);
            setSaved(null);
          }}
          error={errorFor('version')}
          maxLength={LIMITS.noticeVersionLength}
          w={480}
        />
      </SettingsForm>
    </Stack>
  );
}
