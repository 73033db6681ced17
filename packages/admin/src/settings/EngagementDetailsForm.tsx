import { LIMITS } from '@chorus/shared';
import { Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFormFields } from '../common/useFormFields';
import { messageAboveForm } from '../common/formMessage';
import { SettingsForm } from './SettingsForm';
import { useUpdateEngagement } from './useEngagementMutations';

const LABELS = { name: 'the name', startsOn: 'the first day', endsOn: 'the last day' };

export interface EngagementDetailsValues {
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** The engagement's name and listening period (engagement.manage). */
export function EngagementDetailsForm({ engagement }: { engagement: EngagementDetailsValues }) {
  const [update, { loading, error }] = useUpdateEngagement();
  const { values, errors, errorFor, formRef, set, accept } = useFormFields(
    { name: engagement.name, startsOn: engagement.startsOn ?? '', endsOn: engagement.endsOn ?? '' },
    error,
    LABELS,
  );
  const [saved, setSaved] = useState<string | null>(null);
  const change = (field: keyof typeof values, value: string) => {
    set(field, value);
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const name = values.name.trim();
    const ok = accept({
      name: !name
        ? 'Enter the engagement’s name'
        : name.length > LIMITS.nameLength
          ? `Use at most ${LIMITS.nameLength} characters`
          : undefined,
    });
    if (!ok) return;
    try {
      // The server checks the days (a real day, the last not before the first) and names the field.
      const result = await update({ name, startsOn: values.startsOn || null, endsOn: values.endsOn || null });
      if (result) setSaved(`Saved: ${result.name}, ${period(result.startsOn ?? null, result.endsOn ?? null)}.`);
    } catch {
      // shown beside the field, or above the form
    }
  };

  return (
    <SettingsForm
      label="Name and listening period"
      formRef={formRef}
      onSubmit={submit}
      saved={saved}
      formError={messageAboveForm(errors, Object.keys(LABELS))}
      submitLabel="Save name and period"
      loading={loading}
    >
      <TextInput
        label="Name"
        description="The exercise as the public knows it"
        value={values.name}
        onChange={(e) => change('name', e.currentTarget.value)}
        error={errorFor('name')}
        maxLength={LIMITS.nameLength}
        required
        w={480}
      />
      <Group align="flex-start">
        <TextInput
          type="date"
          label="First day of listening"
          value={values.startsOn}
          onChange={(e) => change('startsOn', e.currentTarget.value)}
          error={errorFor('startsOn')}
          w={220}
        />
        <TextInput
          type="date"
          label="Last day of listening"
          description="Not before the first day"
          value={values.endsOn}
          onChange={(e) => change('endsOn', e.currentTarget.value)}
          error={errorFor('endsOn')}
          w={220}
        />
      </Group>
    </SettingsForm>
  );
}

function period(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `listening from ${startsOn} to ${endsOn}`;
  if (startsOn) return `listening from ${startsOn}`;
  if (endsOn) return `listening until ${endsOn}`;
  return 'no listening period set';
}
