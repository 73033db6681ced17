import type { ErrorCode } from '@chorus/shared';
import type { Request, Response } from 'express';

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
 * A GraphQL-shaped error written by our own Express code (body too large, rate limited, document
 * refused before GraphQL runs), in the media type the client asked for, as Apollo answers.
 */
export function sendErrorReply(req: Request, res: Response, reply: ErrorReply): void {
  const type =
    req.accepts(['application/json', GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json';
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.type(`${type}; charset=utf-8`);
  res.send(
    JSON.stringify({
      errors: [
        { message: reply.message, extensions: { code: reply.code, ...(reply.field ? { field: reply.field } : {}) } },
      ],
    }),
  );
}
