import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { hmac } from '../common/crypto.js';
import { RateLimitedError, secondsFrom } from './refusal.js';
import type { RateLimitStore } from './store.js';

/** Attempts per hour at the public questionnaire, per IP address and per device (its cookie). */
export interface QuestionnaireLimits {
  submissionsPerIp: number;
  submissionsPerDevice: number;
  withdrawalsPerIp: number;
  withdrawalsPerDevice: number;
}

const WINDOW_SECONDS = 60 * 60;

/**
 * Limits on the questionnaire's two writes, in the shared store (PostgreSQL unless Redis is
 * configured), counted before the work. An IP address's limit is higher than a device's: a
 * library's computers share one address. Keys are HMACs of the address and the device cookie, so
 * the store holds neither.
 */
export class QuestionnaireThrottle {
  private readonly limiters: Record<'submit' | 'withdraw', { ip: RateLimiterAbstract; device: RateLimiterAbstract }>;

  constructor(
    store: RateLimitStore,
    private readonly key: Buffer,
    limits: QuestionnaireLimits,
  ) {
    const limiter = (name: string, points: number) => store.limiter({ name, points, durationSeconds: WINDOW_SECONDS });
    this.limiters = {
      submit: {
        ip: limiter('questionnaire-submit-ip', limits.submissionsPerIp),
        device: limiter('questionnaire-submit-device', limits.submissionsPerDevice),
      },
      withdraw: {
        ip: limiter('questionnaire-withdraw-ip', limits.withdrawalsPerIp),
        device: limiter('questionnaire-withdraw-device', limits.withdrawalsPerDevice),
      },
    };
  }

  /** Counts one attempt from this address and device; RateLimitedError once either has used its hour. */
  async charge(kind: 'submit' | 'withdraw', ip: string, device: string): Promise<void> {
    const { ip: byIp, device: byDevice } = this.limiters[kind];
    // The device first: a device over its limit does not spend its network's.
    for (const [limiter, value] of [
      [byDevice, `device:${device}`],
      [byIp, `ip:${ip}`],
    ] as const) {
      try {
        await limiter.consume(hmac(this.key, value).toString('base64url'));
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw new RateLimitedError('Too many attempts; try again later', secondsFrom(refusal.msBeforeNext));
      }
    }
  }
}
