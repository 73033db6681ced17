import { once } from 'node:events';
import { ErrorCode } from '@chorus/shared';
import type { Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Caller } from '../access/caller.js';
import { DomainError } from '../common/errors.js';
import { isConnectionLoss } from '../db/connection-errors.js';
import { RequestContext } from '../db/request-context.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { RateLimitedError } from '../rate-limit/refusal.js';
import { sendErrorReply } from './error-reply.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** Charges more points to the request's caller before its body is sent; RateLimitedError past the budget. */
export type Charge = (points: number) => Promise<void>;

/** Text a spreadsheet would run as a formula ("=HYPERLINK(…)" in a resident's words, say). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break. Text that starts like a
 * formula gets a leading `'` (OWASP's CSV-injection advice), so a council opening the file in a
 * spreadsheet sees the words instead of running them; numbers are written as they are.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Writes to a streamed body, waiting when the client is slow; false once the client has gone. */
export function bodyWriter(res: Response): (chunk: string) => Promise<boolean> {
  return async (chunk) => {
    if (res.destroyed) return false;
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    return !res.destroyed;
  };
}

/**
 * A file export over plain HTTP (`GET`, `Authorization: Bearer`), run as its caller through the
 * same permissions and tenancy as the API, and charged to the caller's API budget as a GraphQL
 * request is: a point for the request (a refusal costs that much), and whatever `send` charges
 * for what it sends, before it sends it. Past the budget: 429 with `Retry-After`. Domain errors
 * become 400/401/403/404 with the API's error body; a failure once the body has started cuts the
 * body short, so a client sees a truncated file, never a wrong one.
 */
export function fileExport(
  dataSource: DataSource,
  engagementId: string,
  services: Services,
  logger: Logger,
  send: (ctx: RequestContext, req: Request, res: Response, charge: Charge) => Promise<void>,
): RequestHandler {
  return async (req, res) => {
    const anonymous = new RequestContext(dataSource, engagementId, Caller.anonymous, req.id as string);
    let caller = Caller.anonymous;
    const charge: Charge = async (points) => {
      const { refused, budget } = await services.rateLimits.api.charge(caller, req.ip ?? '', points);
      res.setHeader('RateLimit-Limit', String(budget.limit));
      res.setHeader('RateLimit-Remaining', String(budget.remaining));
      res.setHeader('RateLimit-Reset', String(budget.resetSeconds));
      if (refused) {
        throw new RateLimitedError(
          `This export costs ${points} points and ${budget.remaining} of ${budget.limit} remain this minute; try again in ${budget.resetSeconds} s`,
          budget.resetSeconds,
        );
      }
    };
    try {
      try {
        caller = await services.auth.callerFor(anonymous, req.headers.authorization);
      } finally {
        // A request without a valid token costs its point too, by address.
        await charge(1);
      }
      await send(anonymous.as(caller), req, res, charge);
    } catch (error) {
      if (res.headersSent) {
        logger.warn({ errorClass: (error as Error)?.constructor?.name }, 'export stopped');
        return void res.destroy();
      }
      if (error instanceof DomainError && STATUS[error.code]) {
        return sendErrorReply(req, res, {
          status: STATUS[error.code]!,
          code: error.code,
          message: error.message,
          field: error.field,
          headers: error instanceof RateLimitedError ? { 'Retry-After': String(error.retryAfterSeconds) } : {},
        });
      }
      const unavailable = isConnectionLoss(error);
      if (!unavailable) logger.error({ errorClass: (error as Error)?.constructor?.name }, 'export failed');
      sendErrorReply(req, res, {
        status: unavailable ? 503 : 500,
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        message: unavailable ? 'The database is unavailable; try again shortly' : 'The export failed',
      });
    }
  };
}
