/**
 * Every action the audit trail records. The strings are stored in `audit_events.action`, so they
 * never change once released: existing rows keep their meaning, and a report can group by them.
 */
export enum AuditAction {
  AreaCreated = 'area.created',
  AreaUpdated = 'area.updated',
  OrganisationCreated = 'organisation.created',
  UserCreated = 'user.created',
  UserSignedIn = 'user.signed_in',
  UserPasswordChanged = 'user.password_changed',
  UserSignedOut = 'user.signed_out',
  UserDisabled = 'user.disabled',
  UserEnabled = 'user.enabled',
  ApiKeyCreated = 'api_key.created',
  ApiKeyRevoked = 'api_key.revoked',
  SessionCreated = 'session.created',
  SessionUpdated = 'session.updated',
  ParticipantRegistered = 'participant.registered',
  ParticipantResponsesDeleted = 'participant.responses_deleted',
  ParticipantErased = 'participant.erased',
  ParticipantContactRead = 'participant.contact_read',
  ConsentGranted = 'consent.granted',
  ConsentRefused = 'consent.refused',
  ConsentWithdrawn = 'consent.withdrawn',
  ResponsesSubmitted = 'responses.submitted',
  ResponseCoded = 'response.coded',
  ResponseUncoded = 'response.uncoded',
  ThemeCreated = 'theme.created',
  ThemeUpdated = 'theme.updated',
  ThemeMerged = 'theme.merged',
  ReleasePublished = 'release.published',
  QuoteMarked = 'quote.marked',
  QuoteConsentChecked = 'quote.consent_checked',
  QuoteDeidentified = 'quote.deidentified',
  QuoteApproved = 'quote.approved',
  QuoteRejected = 'quote.rejected',
  QuotesWithdrawn = 'quotes.withdrawn',
  QuotesNamedNoLonger = 'quotes.named_no_longer',
  QuotesExported = 'quotes.exported',
  DemoSeeded = 'demo.seeded',
  EngagementThresholdChanged = 'engagement.threshold_changed',
  ReleaseScheduleChanged = 'engagement.release_schedule_changed',
}

/** The kind of record an audit entry is about. */
export type AuditEntity =
  | 'area'
  | 'organisation'
  | 'user'
  | 'api_key'
  | 'session'
  | 'participant'
  | 'response'
  | 'theme'
  | 'engagement'
  | 'release'
  | 'quote';

/** Ids, counts and enum values only: never names, contact details or response text. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One entry of the audit trail, as a use case reports it. */
export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntity;
  entityId: string | null;
  details?: AuditDetails;
}
