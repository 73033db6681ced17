import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { Area } from '../areas/area.entity.js';
import { Coding } from '../codings/coding.entity.js';
import { ConsentEvent } from '../consents/consent-event.entity.js';
import { Engagement } from '../engagements/engagement.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { Release } from '../releases/release.entity.js';
import { RetentionRun } from '../retention/retention-run.entity.js';
import { Response } from '../responses/response.entity.js';
import { Submission } from '../responses/submission.entity.js';
import { Quote } from '../quotes/quote.entity.js';
import { BoardReport } from '../reports/report.entity.js';
import { ReleaseRun } from '../releases/release-schedule.entity.js';
import { Session } from '../sessions/session.entity.js';
import { Theme } from '../themes/theme.entity.js';
import { User } from '../users/user.entity.js';
import { InitialSchema1764180000000 } from './migrations/1764180000000-initial-schema.js';
import { ParticipantRegistrations1764200000000 } from './migrations/1764200000000-participant-registrations.js';
import { IdempotencyHashVersion1796166400000 } from './migrations/1796166400000-idempotency-hash-version.js';
import { SignInSessionsAndRateLimits1796200000000 } from './migrations/1796200000000-sign-in-sessions-and-rate-limits.js';
import { AggregateFacts1796300000000 } from './migrations/1796300000000-aggregate-facts.js';
import { ContactNameDigests1796310000000 } from './migrations/1796310000000-contact-name-digests.js';
import { SessionResponseCounts1796320000000 } from './migrations/1796320000000-session-response-counts.js';
import { DisclosureRecordKeys1796350000000 } from './migrations/1796350000000-disclosure-record-keys.js';
import { AreaCodesAndKinds1796360000000 } from './migrations/1796360000000-area-codes-and-kinds.js';
import { Releases1796361000000 } from './migrations/1796361000000-releases.js';
import { ThemeRollups1796370000000 } from './migrations/1796370000000-theme-rollups.js';
import { ContactNameFirstWords1796390000000 } from './migrations/1796390000000-contact-name-first-words.js';
import { QuoteRegister1796400000000 } from './migrations/1796400000000-quote-register.js';
import { SafeguardingAndAudit1796420000000 } from './migrations/1796420000000-safeguarding-and-audit.js';
import { DemographicsAndRetention1796440000000 } from './migrations/1796440000000-demographics-and-retention.js';
import { ThemeSuggestions1796540000000 } from './migrations/1796540000000-theme-suggestions.js';
import { ReleaseSchedule1796460000000 } from './migrations/1796460000000-release-schedule.js';
import { EngagementParticipants1796510000000 } from './migrations/1796510000000-engagement-participants.js';
import { LondonMonths1796520000000 } from './migrations/1796520000000-london-months.js';
import { CoderAgreement1796550000000 } from './migrations/1796550000000-coder-agreement.js';
import { BoardReports1796560000000 } from './migrations/1796560000000-board-reports.js';
import { SuggestionRejections1796570000000 } from './migrations/1796570000000-suggestion-rejections.js';
import { PublicQuestionnaire1796650000000 } from './migrations/1796650000000-public-questionnaire.js';
import { UserPasswordResetAndLastSignIn1796680000000 } from './migrations/1796680000000-user-password-reset-and-last-sign-in.js';
import { poolErrorHandler, resilientClient } from './connection-errors.js';
import { SnakeNamingStrategy } from './naming.js';

export const ENTITIES = [
  ApiKey,
  Area,
  Coding,
  ConsentEvent,
  Engagement,
  Organisation,
  Participant,
  BoardReport,
  Quote,
  Release,
  ReleaseRun,
  RetentionRun,
  Response,
  Submission,
  Session,
  Theme,
  User,
];
export const MIGRATIONS = [
  InitialSchema1764180000000,
  ParticipantRegistrations1764200000000,
  IdempotencyHashVersion1796166400000,
  SignInSessionsAndRateLimits1796200000000,
  AggregateFacts1796300000000,
  ContactNameDigests1796310000000,
  SessionResponseCounts1796320000000,
  DisclosureRecordKeys1796350000000,
  AreaCodesAndKinds1796360000000,
  Releases1796361000000,
  ThemeRollups1796370000000,
  ContactNameFirstWords1796390000000,
  QuoteRegister1796400000000,
  SafeguardingAndAudit1796420000000,
  DemographicsAndRetention1796440000000,
  ReleaseSchedule1796460000000,
  EngagementParticipants1796510000000,
  LondonMonths1796520000000,
  CoderAgreement1796550000000,
  BoardReports1796560000000,
  SuggestionRejections1796570000000,
  ThemeSuggestions1796540000000,
  PublicQuestionnaire1796650000000,
  UserPasswordResetAndLastSignIn1796680000000,
];

export interface PoolOptions {
  /** Connections per API instance. */
  max?: number;
  /** How long a request waits for a free connection before failing retryably. */
  acquireTimeoutMs?: number;
}

/** The one DataSource of a process. Migrations are explicit; `synchronize` is never used. */
export function createDataSource(
  url: string,
  pool: PoolOptions = {},
  logger: Logger = pino({ level: 'silent' }),
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    poolErrorHandler: poolErrorHandler(logger),
    extra: {
      Client: resilientClient(logger),
      max: pool.max ?? 10,
      // Bounds both the wait for a pooled connection and the opening of a new one.
      connectionTimeoutMillis: pool.acquireTimeoutMs ?? 1_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
      application_name: 'chorus',
    },
  });
}
