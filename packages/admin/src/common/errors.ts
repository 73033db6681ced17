import { CombinedGraphQLErrors } from '@apollo/client';

/** What went wrong, split the way a form shows it: beside a field, or above the form. */
export interface FormErrors {
  /** Messages keyed by the server's `extensions.field` path, e.g. `responses.3.text`. */
  fields: Record<string, string>;
  /** A message for the whole form, when no field is to blame. */
  form: string | null;
}

const FRIENDLY: Record<string, string> = {
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'That record no longer exists, or is not yours to see.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes and try again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Your work is kept; try again.',
};

/**
 * `labels` name a form's fields in the words it shows them by (`endsOn` → "the last day"), so a
 * message about one field that names another reads as English.
 */
export function formErrors(error: unknown, labels: FieldLabels = {}): FormErrors {
  if (!error) return { fields: {}, form: null };
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, string> = {};
    let form: string | null = null;
    for (const e of error.errors) {
      const field = e.extensions?.field;
      const code = codeOf(e.extensions);
      if (
        typeof field === 'string' &&
        (code === 'BAD_USER_INPUT' || code === 'NOT_FOUND' || code === 'CONSENT_REQUIRED')
      ) {
        fields[field] ??= besideField(e.message, field, labels);
      } else {
        form ??= FRIENDLY[code] ?? sentence(e.message, labels);
      }
    }
    return { fields, form };
  }
  return { fields: {}, form: 'Chorus could not be reached. Check the connection; your work is kept.' };
}

export type FieldLabels = Readonly<Record<string, string>>;

/**
 * The API's messages are written for logs ("contact.phone must be a phone number", "endsOn must
 * not be before startsOn"): shown to a person, field names become the form's words, and the
 * message starts with a capital.
 */
function sentence(message: string, labels: FieldLabels): string {
  let text = message.trim();
  for (const [field, label] of Object.entries(labels)) {
    // A camelCase name is never English, so it goes wherever it is; a plain word only where it opens the message.
    text = text.replace(/[A-Z]/.test(field) ? new RegExp(`\\b${field}\\b`, 'g') : new RegExp(`^${field}\\b`), label);
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Beside the field, a path the form has no words for is noise: "Must be a phone number" */
function besideField(message: string, field: string, labels: FieldLabels): string {
  const unnamed = !(field in labels) && message.startsWith(`${field} `);
  return sentence(unnamed ? message.slice(field.length + 1) : message, labels);
}

/** The error code of a GraphQL failure, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? codeOf(error.errors[0]?.extensions) : undefined;
}

function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.code;
  return typeof code === 'string' ? code : '';
}
