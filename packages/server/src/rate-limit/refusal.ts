import { ErrorCode } from '@chorus/shared';
import { DomainError } from '../common/errors.js';

/** A request refused for exceeding a limit; the HTTP layer answers 429 with `Retry-After`. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    /** Whole seconds until trying again can succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.RATE_LIMITED, message);
  }
}

export const secondsFrom = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
