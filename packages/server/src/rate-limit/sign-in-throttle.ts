import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { hmac } from '../common/crypto.js';
import { RateLimitedError, secondsFrom } from './refusal.js';
import type { RateLimitStore } from './store.js';

export interface SignInLimits {
  /** Attempts per IP address, over every account, per 15 minutes. */
  perIp: number;
  /** Attempts at one account from one IP address per 15 minutes; the window doubles on each repeat. */
  perAccountIp: number;
  /** Failures at one account from anywhere per hour before every attempt at it is slowed and each IP gets one try. */
  perAccount: number;
}

const WINDOW_SECONDS = 15 * 60;
const ACCOUNT_WINDOW_SECONDS = 60 * 60;
const LONGEST_BLOCK_SECONDS = 24 * 60 * 60;
const SLOWEST_DELAY_MS = 3_000;

/** The counter after one more point, or the refusal when the limit is spent; a store failure throws. */
async function consume(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<{ refused: boolean; state: RateLimiterRes }> {
  try {
    return { refused: false, state: await limiter.consume(key) };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { refused: true, state: refusal };
    throw refusal;
  }
}

const ACCOUNT_MESSAGE = 'Too many failed sign-ins for this email; try again later';

/**
 * Sign-in throttling, shared by every instance. Each attempt is counted *before* the password is
 * verified, with the store's atomic increment, so a burst of concurrent guesses gets no more
 * verifications than the limit. A stranger cannot lock the owner out: the tight limits are per IP
 * and per (account, IP); per account alone there is only a high ceiling, past which attempts are
 * slowed and each IP gets a single try, never a refusal of the first try from a new address.
 */
export class SignInThrottle {
  private readonly byIp: RateLimiterAbstract;
  private readonly byAccountIp: RateLimiterAbstract;
  /** How often (account, IP) ran out in the last day: each time, its block lasts twice as long. */
  private readonly strikes: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    /** Keys hold an HMAC of the email, never the email. */
    private readonly key: Buffer,
    private readonly limits: SignInLimits,
  ) {
    this.byIp = store.limiter({ name: 'signin-ip', points: limits.perIp, durationSeconds: WINDOW_SECONDS });
    this.byAccountIp = store.limiter({
      name: 'signin-account-ip',
      points: limits.perAccountIp,
      durationSeconds: WINDOW_SECONDS,
    });
    this.strikes = store.limiter({ name: 'signin-strikes', points: 1_000, durationSeconds: LONGEST_BLOCK_SECONDS });
    this.byAccount = store.limiter({
      name: 'signin-account',
      points: limits.perAccount,
      durationSeconds: ACCOUNT_WINDOW_SECONDS,
    });
  }

  /**
   * Counts one attempt, refusing it when a limit is spent, then runs `verify`. A success gives
   * the attempt back, so the owner's own typos never add up across sign-ins.
   */
  async attempt<T>(email: string, ip: string, verify: () => Promise<T | null>): Promise<T | null> {
    const account = hmac(this.key, email).toString('base64url');
    const accountIp = `${account}:${ip}`;
    const byIp = await consume(this.byIp, ip);
    if (byIp.refused) {
      throw new RateLimitedError(
        'Too many sign-in attempts from this address; try again later',
        secondsFrom(byIp.state.msBeforeNext),
      );
    }
    const byAccountIp = await consume(this.byAccountIp, accountIp);
    if (byAccountIp.refused)
      throw new RateLimitedError(ACCOUNT_MESSAGE, await this.backOff(accountIp, byAccountIp.state));
    const accountFailures = (await this.byAccount.penalty(account)).consumedPoints;
    if (accountFailures > this.limits.perAccount && byAccountIp.state.consumedPoints > 1) {
      throw new RateLimitedError(ACCOUNT_MESSAGE, secondsFrom(byAccountIp.state.msBeforeNext));
    }
    // Past half the account's ceiling every attempt waits, slowing a guesser spread over many addresses.
    const slowdown = accountFailures - Math.floor(this.limits.perAccount / 2);
    if (slowdown > 0) await sleep(Math.min(SLOWEST_DELAY_MS, slowdown * 100));

    const result = await verify();
    if (result !== null) {
      await Promise.all([this.byAccountIp.delete(accountIp), this.byIp.reward(ip), this.byAccount.reward(account)]);
    }
    return result;
  }

  /**
   * The first refusal of a window blocks the (account, IP) for 15 minutes × 2^(strikes − 1), up
   * to a day; returns the seconds until the next try may succeed.
   */
  private async backOff(accountIp: string, refusal: RateLimiterRes): Promise<number> {
    if (refusal.consumedPoints !== this.limits.perAccountIp + 1) return secondsFrom(refusal.msBeforeNext);
    const strikes = (await this.strikes.penalty(accountIp)).consumedPoints;
    const seconds = Math.min(LONGEST_BLOCK_SECONDS, WINDOW_SECONDS * 2 ** (strikes - 1));
    await this.byAccountIp.block(accountIp, seconds);
    return seconds;
  }
}
