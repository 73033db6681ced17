import { LIMITS } from '@chorus/shared';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { runAsync } from '../common/handle';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import { useServerFieldErrors } from './fieldMessages';
import { useSetSuppressionThreshold } from './useEngagementMutations';

const LABELS = { threshold: 'the threshold' };
const RANGE = `from ${LIMITS.thresholdMin} to ${LIMITS.thresholdMax.toLocaleString('en-GB')}`;

/** The suppression threshold (disclosure.manage): the smallest figure any table releases. */
export function ThresholdForm({ threshold }: { threshold: number }) {
  const [setThreshold, { loading, error }] = useSetSuppressionThreshold();
  const { values, problems, formRef, set, accept } = useFormFields({ threshold: String(threshold) }, error);
  const server = useServerFieldErrors(error, LABELS);
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
    <form
      ref={formRef}
      onSubmit={(event) => runAsync(submit(event))}
      noValidate
      aria-label="Set the suppression threshold"
    >
      <Stack align="flex-start">
        {saved && <SuccessNotice message={saved} />}
        {server.formError && (
          <Alert color="red" role="alert">
            {server.formError}
          </Alert>
        )}
        <TextInput
          label="Suppression threshold"
          description={`A whole number ${RANGE}. No released figure is smaller; figures already released keep theirs. The change is audited.`}
          inputMode="numeric"
          value={values.threshold}
          onChange={(e) => {
            set('threshold', e.currentTarget.value);
            server.changed('threshold');
            setSaved(null);
          }}
          error={problems.threshold ?? server.fieldError('threshold')}
          w={360}
        />
        <Button type="submit" loading={loading}>
          Save threshold
        </Button>
      </Stack>
    </form>
  );
}
