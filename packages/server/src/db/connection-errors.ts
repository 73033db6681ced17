import { ErrorCode } from '@chorus/shared';
import { GraphQLError } from 'graphql';
import { Client, type ClientConfig } from 'pg';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { Logger } from '../logger.js';

/** Seconds a client is asked to wait before retrying a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 1;

// SQLSTATE classes and codes that mean "the connection went, the work did not happen": admin or
// crash shutdown (57P01–57P03), connection exceptions (08xxx), too many connections (53300).
const LOST_STATES = /^(57P0[123]|08...|53300)$/;
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// pg and pg-pool report a dead socket, a closed client and a pool wait that ran out in prose only.
const LOST_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

/** The errors an error wraps: TypeORM's `driverError`, GraphQL's `originalError`, `cause`. */
function* chain(error: unknown): Generator<ErrorLike> {
  for (let depth = 0; error && typeof error === 'object' && depth < 5; depth++) {
    const current = error as ErrorLike;
    yield current;
    error = current.driverError ?? current.originalError ?? current.cause;
  }
}

/** True when the database connection was lost or could not be had: retrying may succeed. */
export function isConnectionLoss(error: unknown): boolean {
  for (const link of chain(error)) {
    // TypeORM hands a connection back the moment its socket dies; the rest of the transaction
    // then finds its query runner released.
    if (link instanceof QueryRunnerAlreadyReleasedError || link instanceof QueryRunnerProviderAlreadyReleasedError) {
      return true;
    }
    const code = typeof link.code === 'string' ? link.code : '';
    if (LOST_STATES.test(code) || LOST_SOCKET_CODES.has(code)) return true;
    if (typeof link.message === 'string' && LOST_MESSAGES.test(link.message)) return true;
  }
  return false;
}

/**
 * True when a REPEATABLE READ transaction lost a race with a concurrent write (40001): run again
 * from the start, it sees the write and may succeed.
 */
export function isSerializationFailure(error: unknown): boolean {
  for (const link of chain(error)) if (link.code === '40001') return true;
  return false;
}

/**
 * What a log line may say about a database error: its class and codes, never its message,
 * query or parameters (they carry emails and what people said).
 */
export function describeError(error: unknown): { errorClass: string; sqlState?: string; errorCode?: string } {
  const links = [...chain(error)];
  const code = links.map((link) => link.code).find((value): value is string => typeof value === 'string');
  const errorClass = links.map((link) => link.constructor?.name ?? 'Error').join(' < ');
  if (!code) return { errorClass };
  return /^[0-9A-Z]{5}$/.test(code) ? { errorClass, sqlState: code } : { errorClass, errorCode: code };
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable for a moment; retry the request';

/** The one answer to a lost connection: INTERNAL_SERVER_ERROR, retryable, on HTTP 503 with Retry-After. */
export function databaseUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      retryable: true,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/**
 * pg emits 'error' on a client whenever its socket dies, and an 'error' with no listener kills
 * the process. pg-pool listens only while a client is idle and TypeORM only once its promise
 * resumes, so a backend terminated just as a connection is handed out has nobody listening.
 * This client always has a listener; the dead client is then refused as not queryable, the
 * request fails retryably, and the pool discards it on release.
 */
export function resilientClient(logger: Logger): typeof Client {
  return class ResilientClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', (error) => logger.warn(describeError(error), 'database connection lost'));
    }
  };
}

/** The pool reports errors of idle clients here; the next checkout simply opens a new one. */
export function poolErrorHandler(logger: Logger): (error: Error) => void {
  return (error) => logger.warn(describeError(error), 'idle database connection lost');
}
