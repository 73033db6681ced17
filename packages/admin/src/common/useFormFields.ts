import { useEffect, useRef, useState } from 'react';

// Mantine marks a field in error with aria-invalid, or (password inputs) with data-invalid.
const PROBLEM = '[aria-invalid="true"], input[data-invalid="true"]';

/**
 * A form's values and its own checks' messages. A field's message goes as soon as the field
 * changes; after a refused save (by these checks or by the server's `error`) the keyboard moves
 * to the first field to fix. Put `formRef` on the form.
 */
export function useFormFields<V extends Record<string, string>>(initial: V, error: unknown) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof V, string>>>({});
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals || error) formRef.current?.querySelector<HTMLElement>(PROBLEM)?.focus();
  }, [refusals, error]);

  return {
    values,
    problems,
    formRef,
    set: (field: keyof V, value: string) => {
      setValues((now) => ({ ...now, [field]: value }));
      setProblems((now) => ({ ...now, [field]: undefined }));
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
    },
  };
}
