import { useEffect, useRef, useState } from 'react';
import { formErrors, type FieldLabels } from './errors';

// Mantine marks a field in error with aria-invalid, or (password inputs) with data-invalid.
const PROBLEM = '[aria-invalid="true"], input[data-invalid="true"]';

const NONE: ReadonlySet<string> = new Set();

/**
 * A form's values and the messages beside its fields: its own checks' and the server's (from the
 * mutation's `error`). A field's message goes as soon as the field changes; after a refused save
 * the keyboard moves to the first field to fix. Put `formRef` on the form. `labels` give the words
 * the server's messages should use for the form's fields (see `formErrors`).
 */
export function useFormFields<V extends Record<string, string>>(initial: V, error: unknown, labels?: FieldLabels) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof V, string>>>({});
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  // The fields changed since the server's last refusal: its message for them no longer applies.
  const [edited, setEdited] = useState({ error, fields: NONE });
  const editedFields = edited.error === error ? edited.fields : NONE;
  const errors = formErrors(error, labels);
  useEffect(() => {
    if (refusals || error) formRef.current?.querySelector<HTMLElement>(PROBLEM)?.focus();
  }, [refusals, error]);

  return {
    values,
    problems,
    /** The server's refusal, split into field and form messages. */
    errors,
    formRef,
    /** The message to show beside a field; `serverField` is the server's path for it when that differs. */
    errorFor: (field: keyof V, serverField: string = String(field)) =>
      problems[field] ?? (editedFields.has(String(field)) ? undefined : errors.fields[serverField]),
    set: (field: keyof V, value: string) => {
      setValues((now) => ({ ...now, [field]: value }));
      setProblems((now) => ({ ...now, [field]: undefined }));
      setEdited({ error, fields: new Set([...editedFields, String(field)]) });
    },
    /** Shows what the form's own checks found (a message per field, or undefined); true when nothing was. */
    accept: (found: Partial<Record<keyof V, string | undefined>>) => {
      setProblems(found);
      const ok = Object.values(found).every((message) => !message);
      if (!ok) setRefusals((n) => n + 1);
      return ok;
    },
    reset: () => {
      setValues(initial);
      setProblems({});
      setEdited({ error, fields: NONE });
    },
  };
}
