import { ErrorCode } from '@chorus/shared';

/**
 * A rule of the domain was refused. Services throw these and know nothing of GraphQL; the
 * GraphQL layer turns `code` and `field` into `extensions` once (graphql/errors.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Bad input, naming the offending field as a dotted path (`responses.3.text`). */
export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, field);

/** Absent, or outside what the caller may see: the two are indistinguishable on purpose. */
export const notFound = (what: string, field?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, field);

export const forbidden = (message = 'You are not allowed to do this') => new DomainError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message = 'Sign in or send an API key') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

export const consentRequired = (message: string, field?: string) =>
  new DomainError(ErrorCode.CONSENT_REQUIRED, message, field);
