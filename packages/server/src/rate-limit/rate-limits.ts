import { ApiBudget, type ApiLimits } from './api-budget.js';
import { QuestionnaireThrottle, type QuestionnaireLimits } from './questionnaire-throttle.js';
import { SignInThrottle, type SignInLimits } from './sign-in-throttle.js';
import type { RateLimitStore } from './store.js';

export type RateLimitSettings = ApiLimits & { signIn: SignInLimits; questionnaire?: QuestionnaireLimits };

/** Per hour. A device sends a few questionnaires at most; a library's computers share one address. */
export const DEFAULT_QUESTIONNAIRE_LIMITS: QuestionnaireLimits = {
  submissionsPerIp: 120,
  submissionsPerDevice: 10,
  withdrawalsPerIp: 60,
  withdrawalsPerDevice: 10,
};

/** The defaults documented in docs/operations.md. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  // Twenty queries at the cost limit a minute; a page of 25 sessions with their counts costs about 500,
  // so staff paging and filtering quickly in the admin app stay well inside it.
  pointsPerMinute: 100_000,
  anonymousPointsPerMinute: 1_000,
  signIn: { perIp: 50, perAccountIp: 5, perAccount: 100 },
};

/** Every limiter of the process, over one shared store. */
export class RateLimits {
  readonly api: ApiBudget;
  readonly signIn: SignInThrottle;
  readonly questionnaire: QuestionnaireThrottle;

  constructor(
    readonly store: RateLimitStore,
    /** Keys sign-in counters without putting emails in the store. */
    key: Buffer,
    settings: RateLimitSettings = DEFAULT_RATE_LIMITS,
    /** Keys questionnaire counters without putting addresses or device cookies in the store. */
    questionnaireKey: Buffer = key,
  ) {
    this.api = new ApiBudget(store, settings);
    this.signIn = new SignInThrottle(store, key, settings.signIn);
    this.questionnaire = new QuestionnaireThrottle(
      store,
      questionnaireKey,
      settings.questionnaire ?? DEFAULT_QUESTIONNAIRE_LIMITS,
    );
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
