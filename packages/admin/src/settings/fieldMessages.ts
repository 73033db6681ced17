import { useState } from 'react';
import { formErrors } from '../common/errors';

/**
 * A server message as a sentence for the person at the form: the field names it uses (`endsOn`)
 * become the labels they see ("the last day"), it starts with a capital and ends with a stop.
 */
export function asSentence(message: string, labels: Readonly<Record<string, string>>): string {
  let text = message.trim();
  for (const [field, label] of Object.entries(labels)) {
    // A camelCase name is never English, so it goes wherever it is; a plain word only where it opens the message.
    text = text.replace(/[A-Z]/.test(field) ? new RegExp(`\\b${field}\\b`, 'g') : new RegExp(`^${field}\\b`), label);
  }
  if (!text) return text;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The server's refusal of a form, split as the form shows it: a sentence beside each field it
 * names, gone once that field changes, and one above the form for the rest.
 */
export function useServerFieldErrors(error: unknown, labels: Readonly<Record<string, string>>) {
  const [changed, setChanged] = useState<{ error: unknown; fields: ReadonlySet<string> }>({
    error: undefined,
    fields: new Set(),
  });
  const errors = formErrors(error);
  const changedSince = changed.error === error ? changed.fields : new Set<string>();
  const unplaced = Object.entries(errors.fields).find(([field]) => !(field in labels));
  const above = errors.form ?? unplaced?.[1] ?? null;
  return {
    /** The server's message for `field`, unless the field changed since. */
    fieldError: (field: string): string | undefined => {
      const message = errors.fields[field];
      return message && !changedSince.has(field) ? asSentence(message, labels) : undefined;
    },
    /** The message above the form: not about one field, or about a field the form does not show. */
    formError: above ? asSentence(above, labels) : null,
    /** Call when `field` changes, so its message goes. */
    changed: (field: string) => setChanged({ error, fields: new Set([...changedSince, field]) }),
  };
}
