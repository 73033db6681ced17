import type { FormErrors } from './errors';

/**
 * The message to show above a form: the form-level one, or a field error for a field the form
 * does not show (e.g. a record deleted meanwhile), so no refusal goes unseen.
 */
export function messageAboveForm(errors: FormErrors, fieldsShownBeside: readonly string[]): string | null {
  const unplaced = Object.entries(errors.fields).find(([field]) => !fieldsShownBeside.includes(field));
  return errors.form ?? unplaced?.[1] ?? null;
}
