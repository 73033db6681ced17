import { UseCases } from './access/use-case.js';
import { AgreementService } from './agreement/agreement.service.js';
import { AggregatesService } from './aggregates/aggregates.service.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AreasService } from './areas/areas.service.js';
import { CensusPopulationsService } from './census/census-populations.service.js';
import { AuditLogService } from './audit/audit-log.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { CallerCache } from './auth/caller-cache.js';
import { CodingsService } from './codings/codings.service.js';
import { deriveKey } from './common/crypto.js';
import { Idempotency } from './common/idempotency.js';
import { Cursors } from './common/pagination.js';
import { ConsentsService } from './consents/consents.service.js';
import { EngagementsService } from './engagements/engagements.service.js';
import { RateLimits, type RateLimitSettings } from './rate-limit/rate-limits.js';
import { memoryRateLimitStore, type RateLimitStore } from './rate-limit/store.js';
import { ImportsService } from './imports/imports.service.js';
import { JobQueue } from './jobs/job-queue.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { OverviewService } from './overview/overview.service.js';
import { ContactNames } from './participants/contact-names.js';
import { ParticipantsService } from './participants/participants.service.js';
import { PaperFormsService } from './paper-forms/paper-forms.service.js';
import { QuoteConsentEffects } from './quotes/quote-consent-effects.js';
import { QuotesService } from './quotes/quotes.service.js';
import { FormTokens, ReceiptSeal } from './questionnaire/form-token.js';
import { DEFAULT_MIN_SECONDS, QuestionnaireService } from './questionnaire/questionnaire.service.js';
import { ReleaseScheduleService } from './releases/release-schedule.service.js';
import { SubjectAccessService } from './participants/subject-access.service.js';
import { RetentionService } from './retention/retention.service.js';
import { ReleasesService } from './releases/releases.service.js';
import { ReportsService } from './reports/reports.service.js';
import { ResponsesService } from './responses/responses.service.js';
import { SafeguardingRules } from './safeguarding/safeguarding-rules.service.js';
import { SafeguardingService } from './safeguarding/safeguarding.service.js';
import { SessionsService } from './sessions/sessions.service.js';
import { SuggestionRuns } from './suggestions/suggestion-runs.js';
import { LocalProvider, SuggestionsService } from './suggestions/suggestions.service.js';
import { ThemesService } from './themes/themes.service.js';
import { UsersService } from './users/users.service.js';

export interface ServiceOptions {
  /** Where rate-limit counters live; tools and tests that have no database use the process's memory. */
  rateLimitStore?: RateLimitStore;
  rateLimits?: RateLimitSettings;
  /** Fewest seconds between a questionnaire's first page and its sending; faster is a script. */
  questionnaireMinSeconds?: number;
  /** The statement timeout of a release built by a job (CHORUS_RELEASE_BUILD_TIMEOUT_MS). */
  releaseBuildTimeoutMs?: number;
  /** Where the report's HTML links to (CHORUS_PUBLIC_URL); unset, it links nothing. */
  publicUrl?: string;
}

/** Every service of the process, wired once at start-up; they are stateless apart from keys. */
export function createServices(secret: Buffer, options: ServiceOptions = {}) {
  const rateLimits = new RateLimits(
    options.rateLimitStore ?? memoryRateLimitStore(),
    deriveKey(secret, 'sign-in-throttle'),
    options.rateLimits,
    deriveKey(secret, 'questionnaire-throttle'),
  );
  const audit = new AuditService();
  const useCases = new UseCases(audit);
  const idempotency = new Idempotency(deriveKey(secret, 'idempotency'));
  const cursors = new Cursors(deriveKey(secret, 'cursors'));
  const callers = new CallerCache();
  const apiKeys = new ApiKeysService(useCases, cursors, callers);
  const consents = new ConsentsService();
  const sessions = new SessionsService(useCases, cursors);
  const participants = new ParticipantsService(
    deriveKey(secret, 'contact-encryption'),
    deriveKey(secret, 'special-category-encryption'),
    new ContactNames(deriveKey(secret, 'contact-name-digests')),
    sessions,
    consents,
    new QuoteConsentEffects(),
    useCases,
    idempotency,
    cursors,
  );
  const jobs = new JobQueue(deriveKey(secret, 'job-envelope'));
  const safeguardingRules = new SafeguardingRules(useCases, jobs);
  const responses = new ResponsesService(
    sessions,
    participants,
    consents,
    useCases,
    idempotency,
    cursors,
    safeguardingRules,
  );
  const themes = new ThemesService(useCases);
  const areas = new AreasService(useCases);
  const quotes = new QuotesService(responses, consents, useCases, cursors);
  const suggestionRuns = new SuggestionRuns(jobs);
  const codings = new CodingsService(responses, themes, useCases, suggestionRuns);
  const releases = new ReleasesService(useCases, cursors, jobs, quotes, options.releaseBuildTimeoutMs);
  const agreement = new AgreementService(themes, useCases, cursors);
  const engagements = new EngagementsService(useCases);
  return {
    audit,
    auditLog: new AuditLogService(cursors, audit),
    apiKeys,
    rateLimits,
    auth: new AuthService(deriveKey(secret, 'session-tokens'), apiKeys, audit, rateLimits.signIn, callers),
    users: new UsersService(useCases, cursors, callers),
    engagements,
    questionnaire: new QuestionnaireService(
      participants,
      consents,
      responses,
      sessions,
      areas,
      engagements,
      useCases,
      deriveKey(secret, 'questionnaire-withdrawal-secrets'),
      deriveKey(secret, 'questionnaire-answer-digests'),
      options.questionnaireMinSeconds ?? DEFAULT_MIN_SECONDS,
    ),
    questionnaireTokens: new FormTokens(deriveKey(secret, 'questionnaire-form-tokens')),
    questionnaireReceipts: new ReceiptSeal(deriveKey(secret, 'questionnaire-receipts')),
    paperForms: new PaperFormsService(participants, responses, sessions, areas, engagements, useCases),
    areas,
    censusPopulations: new CensusPopulationsService(useCases, cursors),
    overview: new OverviewService(areas),
    organisations: new OrganisationsService(useCases, cursors),
    sessions,
    participants,
    subjectAccess: new SubjectAccessService(participants, consents, useCases),
    consents,
    responses,
    safeguardingRules,
    safeguarding: new SafeguardingService(useCases, responses, cursors),
    themes,
    codings,
    suggestionRuns,
    suggestions: new SuggestionsService(
      suggestionRuns,
      new LocalProvider(suggestionRuns),
      responses,
      themes,
      codings,
      useCases,
    ),
    agreement,
    imports: new ImportsService(
      deriveKey(secret, 'import-file-digests'),
      sessions,
      participants,
      safeguardingRules,
      jobs,
      useCases,
      cursors,
    ),
    aggregates: new AggregatesService(themes),
    quotes,
    releases,
    reports: new ReportsService(useCases, cursors, jobs, releases, consents, agreement, options.publicUrl ?? null),
    releaseSchedule: new ReleaseScheduleService(useCases, cursors, jobs, releases),
    retention: new RetentionService(useCases, jobs, idempotency, cursors),
    jobs,
  };
}

export type Services = ReturnType<typeof createServices>;
