import { Alert, Button, Stack } from '@mantine/core';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { runAsync } from '../common/handle';
import { SuccessNotice } from '../common/SuccessNotice';

/** One settings form's frame: what was saved or refused above the fields, the save button below. */
export function SettingsForm({
  label,
  formRef,
  onSubmit,
  saved,
  formError,
  submitLabel,
  loading,
  children,
}: {
  label: string;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent) => Promise<void>;
  saved: string | null;
  formError: string | null;
  submitLabel: string;
  loading: boolean;
  children: ReactNode;
}) {
  return (
    <form ref={formRef} onSubmit={(event) => runAsync(onSubmit(event))} noValidate aria-label={label}>
      <Stack align="flex-start">
        {saved && <SuccessNotice message={saved} />}
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        {children}
        <Button type="submit" loading={loading}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
