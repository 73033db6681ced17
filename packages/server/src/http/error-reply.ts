import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '@chorus/shared';
import accepts from 'accepts';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

export interface ErrorReply {
  status: number;
  code: ErrorCode;
  message: string;
  /** The input the error is about, as a dotted path. */
  field?: string;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * A GraphQL-shaped error written by our own code (body too large or not JSON, rate limited,
 * document refused before GraphQL runs), in the media type the client asked for, as Apollo answers.
 */
export function sendErrorReply(req: IncomingMessage, res: ServerResponse, reply: ErrorReply): void {
  const type =
    accepts(req).type(['application/json', GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE
      ? GRAPHQL_RESPONSE
      : 'application/json';
  const body = JSON.stringify({
    errors: [
      { message: reply.message, extensions: { code: reply.code, ...(reply.field ? { field: reply.field } : {}) } },
    ],
  });
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
