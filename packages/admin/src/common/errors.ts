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

export function formErrors(error: unknown): FormErrors {
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
        fields[field] ??= besideField(e.message, field);
      } else {
        form ??= FRIENDLY[code] ?? sentence(e.message);
      }
    }
    return { fields, form };
  }
  return { fields: {}, form: 'Chorus could not be reached. Check the connection; your work is kept.' };
}

/** The API's messages are written for logs ("contact.phone must be a phone number"); shown alone, one starts a sentence. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Beside the field, the field's path is noise: "Must be a phone number". */
function besideField(message: string, field: string): string {
  return sentence(message.startsWith(`${field} `) ? message.slice(field.length + 1) : message);
}

/** The error code of a GraphQL failure, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? codeOf(error.errors[0]?.extensions) : undefined;
}

function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.code;
  return typeof code === 'string' ? code : '';
}
