import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '@chorus/shared';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../common/errors.js';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  describeError,
  isConnectionLoss,
  RETRY_AFTER_SECONDS,
} from '../db/connection-errors.js';
import type { Logger } from '../logger.js';
import type { GraphQLContext } from './context.js';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
};

/** A DomainError as the GraphQL error a client sees. */
export function toGraphQLError(error: DomainError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(status ? { http: { status } } : {}),
    },
  });
}

// Apollo's own codes for a request the client got wrong; the contract calls them all BAD_USER_INPUT.
const CLIENT_MISTAKES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);
const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The input path a variable error is about: `… at "input.responses[3].prompt"` → `responses.3.prompt`,
 * and `… at "input.responses[1]"; Field "text" of required type … was not provided` → `responses.1.text`.
 */
function fieldOfVariableError(message: string): string | undefined {
  const at = /at "[^".[]+((?:\.[^"]+)?)"/.exec(message);
  const missing = /Field "(\w+)" of required type .* was not provided/.exec(message)?.[1];
  const path = [at?.[1]?.slice(1).replace(/\[(\d+)\]/g, '.$1'), missing].filter(Boolean).join('.');
  return path || /Variable "\$(\w+)"/.exec(message)?.[1];
}

/** The `extensions.code` of an error, or '' when it has none (or a non-string one). */
function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.code;
  return typeof code === 'string' ? code : '';
}

function isExpected(original: unknown, code: string): boolean {
  return (
    original instanceof DomainError ||
    CLIENT_MISTAKES.has(code) ||
    (CONTRACT_CODES.has(code) && code !== String(ErrorCode.INTERNAL_SERVER_ERROR))
  );
}

/**
 * Every error leaves with a contract code. Anything unexpected becomes INTERNAL_SERVER_ERROR and,
 * in production, is stripped of its message, stack and any SQL (the log keeps them).
 */
export function createErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(raw);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    const code = codeOf(formatted.extensions);
    if (CLIENT_MISTAKES.has(code)) {
      // A syntax error is about the document itself: the request's `query`.
      const field =
        (formatted.extensions?.field as string | undefined) ??
        fieldOfVariableError(formatted.message) ??
        (code === 'GRAPHQL_PARSE_FAILED' ? 'query' : undefined);
      return {
        message: formatted.message,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
      };
    }
    if (isConnectionLoss(original)) {
      return {
        message: DATABASE_UNAVAILABLE_MESSAGE,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, retryable: true },
      };
    }
    if (isExpected(original, code)) {
      const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return production
      ? {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
        }
      : {
          message: formatted.message,
          path: formatted.path,
          locations: formatted.locations,
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
        };
  };
}

/**
 * Logs each unexpected error by class, codes and request id, so a masked error can be traced.
 * Never the message, query or parameters: they carry emails and what people said.
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    // Apollo's hooks return promises; these do their work synchronously.
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = codeOf(error.extensions);
            if (isConnectionLoss(original)) {
              logger.warn({ ...describeError(original), reqId: contextValue?.req?.requestId }, 'database unavailable');
            } else if (!isExpected(original, code)) {
              logger.error(
                {
                  ...describeError(original),
                  code: ErrorCode.INTERNAL_SERVER_ERROR,
                  reqId: contextValue?.req?.requestId,
                },
                'unexpected error',
              );
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** A request that lost its database answers 503 with Retry-After, whichever resolver hit it. */
export function databaseUnavailablePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ errors, response }) {
          if (errors?.some((error) => isConnectionLoss(unwrapResolverError(error)))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
