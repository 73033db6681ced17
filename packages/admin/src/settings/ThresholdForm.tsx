import { LIMITS } from '@chorus/shared';
import { TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFormFields } from '../common/useFormFields';
import { messageAboveForm } from '../common/formMessage';
import { SettingsForm } from './SettingsForm';
import { useSetSuppressionThreshold } from './useEngagementMutations';

const LABELS = { threshold: 'the threshold' };
const RANGE = `from ${LIMITS.thresholdMin} to ${LIMITS.thresholdMax.toLocaleString('en-GB')}`;

/** The suppression threshold (disclosure.manage): the smallest figure any table releases. */
export function ThresholdForm({ threshold }: { threshold: number }) {
  const [setThreshold, { loading, error }] = useSetSuppressionThreshold();
  const { values, errors, errorFor, formRef, set, accept } = useFormFields(
    { threshold: String(threshold) },
    error,
    LABELS,
  );
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const text = values.threshold.trim();
    const value = Number(text);
    const ok = accept({
      threshold:
        !/^\d+$/.test(text) || value < LIMITS.thresholdMin || value > LIMITS.thresholdMax
          ? `Enter a whole number ${RANGE}.`
          : undefined,
    });
    if (!ok) return;
    try {
      const result = await setThreshold(value);
      if (result) setSaved(`Suppression threshold set to ${result.suppressionThreshold}.`);
    } catch {
      // shown beside the field, or above the form
    }
  };

  return (
    <SettingsForm
      label="Set the suppression threshold"
      formRef={formRef}
      onSubmit={submit}
      saved={saved}
      formError={messageAboveForm(errors, Object.keys(LABELS))}
      submitLabel="Save threshold"
      loading={loading}
    >
      <TextInput
        label="Suppression threshold"
        description={`A whole number ${RANGE}. No released figure is smaller; figures already released keep theirs. The change is audited.`}
        inputMode="numeric"
        value={values.threshold}
        onChange={(e) => {
          set('threshold', e.currentTarget.value);
          setSaved(null);
        }}
        error={errorFor('threshold')}
        w={360}
      />
    </SettingsForm>
  );
}
