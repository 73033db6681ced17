/**
 * Every action the audit trail records. The strings are stored in `audit_events.action`, so they
 * never change once released: existing rows keep their meaning, and a report can group by them.
 */
export enum AuditAction {
  AreaCreated = 'area.created',
  AreaUpdated = 'area.updated',
  CensusPopulationsSet = 'area.census_populations_set',
  OrganisationCreated = 'organisation.created',
  OrganisationUpdated = 'organisation.updated',
  UserCreated = 'user.created',
  UserSignedIn = 'user.signed_in',
  UserPasswordChanged = 'user.password_changed',
  UserSignedOut = 'user.signed_out',
  UserDisabled = 'user.disabled',
  UserEnabled = 'user.enabled',
  UserRoleChanged = 'user.role_changed',
  UserPasswordReset = 'user.password_reset',
  ApiKeyCreated = 'api_key.created',
  ApiKeyRevoked = 'api_key.revoked',
  SessionCreated = 'session.created',
  SessionUpdated = 'session.updated',
  ParticipantRegistered = 'participant.registered',
  ParticipantResponsesDeleted = 'participant.responses_deleted',
  ParticipantErased = 'participant.erased',
  ParticipantContactRead = 'participant.contact_read',
  ParticipantContactDeleted = 'participant.contact_deleted',
  ParticipantDemographicsRecorded = 'participant.demographics_recorded',
  ParticipantDemographicsRead = 'participant.demographics_read',
  ParticipantDemographicsDeleted = 'participant.demographics_deleted',
  ParticipantDataExported = 'participant.data_exported',
  ConsentGranted = 'consent.granted',
  ConsentRefused = 'consent.refused',
  ConsentWithdrawn = 'consent.withdrawn',
  ResponsesSubmitted = 'responses.submitted',
  ResponsesImportUploaded = 'responses.import_uploaded',
  ResponsesImportStarted = 'responses.import_started',
  ResponsesImported = 'responses.imported',
  ResponseCoded = 'response.coded',
  ResponseUncoded = 'response.uncoded',
  SuggestionRejected = 'suggestion.rejected',
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
  SafeguardingRulesChanged = 'safeguarding.rules_changed',
  SafeguardingRulesRescanned = 'safeguarding.rules_rescanned',
  SafeguardingFlagRaised = 'safeguarding.flag_raised',
  SafeguardingActionRecorded = 'safeguarding.action_recorded',
  SafeguardingFlagClosed = 'safeguarding.flag_closed',
  AuditExported = 'audit.exported',
  DemoSeeded = 'demo.seeded',
  EngagementThresholdChanged = 'engagement.threshold_changed',
  EngagementUpdated = 'engagement.updated',
  EngagementNoticeVersionAdded = 'engagement.notice_version_added',
  ReleaseScheduleChanged = 'engagement.release_schedule_changed',
  EngagementRetentionDateChanged = 'engagement.retention_date_changed',
  RetentionApplied = 'retention.applied',
  ReportNarrativeEdited = 'report.narrative_edited',
  ReportBuildRequested = 'report.build_requested',
  ReportBuilt = 'report.built',
  ReportPublished = 'report.published',
  AgreementSampleDrawn = 'agreement.sample_drawn',
  AgreementCodingSubmitted = 'agreement.coding_submitted',
  AgreementItemSettled = 'agreement.item_settled',
  QuestionnaireOpened = 'questionnaire.opened',
  QuestionnaireClosed = 'questionnaire.closed',
  QuestionnaireSessionModeChanged = 'questionnaire.session_mode_changed',
  PaperFormsPrinted = 'paper_forms.printed',
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
  | 'report'
  | 'quote'
  | 'safeguarding_flag'
  | 'safeguarding_rule_set'
  | 'agreement_sample'
  | 'response_import'
  | 'audit';

/** Ids, counts and enum values only: never names, contact details or response text. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One entry of the audit trail, as a use case reports it. */
export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntity;
  entityId: string | null;
  details?: AuditDetails;
}

/** What each action means, for the audit log screen and `auditVocabulary`. */
export const AUDIT_VOCABULARY: Readonly<Record<AuditAction, string>> = {
  [AuditAction.AreaCreated]: 'An area was added.',
  [AuditAction.AreaUpdated]: 'An area was changed.',
  [AuditAction.CensusPopulationsSet]: "An area's census populations by ethnic group, religion or disability were set.",
  [AuditAction.OrganisationCreated]: 'A partner organisation was added.',
  [AuditAction.OrganisationUpdated]: 'A partner organisation was renamed or its sector changed.',
  [AuditAction.UserCreated]: 'A user was created.',
  [AuditAction.UserSignedIn]: 'A user signed in.',
  [AuditAction.UserPasswordChanged]: 'A user changed their password.',
  [AuditAction.UserSignedOut]: 'A user signed out.',
  [AuditAction.UserDisabled]: 'A user was disabled.',
  [AuditAction.UserEnabled]: 'A user was enabled again.',
  [AuditAction.UserRoleChanged]: "A user's role was changed.",
  [AuditAction.UserPasswordReset]: "An admin reset a user's password; they must set a new one at sign-in.",
  [AuditAction.ApiKeyCreated]: 'An API key was created.',
  [AuditAction.ApiKeyRevoked]: 'An API key was revoked.',
  [AuditAction.SessionCreated]: 'A session was planned.',
  [AuditAction.SessionUpdated]: 'A session was changed, held or cancelled.',
  [AuditAction.ParticipantRegistered]: 'A participant was registered.',
  [AuditAction.ParticipantResponsesDeleted]: "A participant's responses were deleted (PARTICIPATION withdrawn).",
  [AuditAction.ParticipantErased]: 'A participant was erased; earlier entries about them lost their record id.',
  [AuditAction.ParticipantContactRead]: "A participant's contact details were read.",
  [AuditAction.ParticipantContactDeleted]:
    "A participant's contact details were deleted (FOLLOW_UP_CONTACT withdrawn).",
  [AuditAction.ParticipantDemographicsRecorded]:
    "A participant's ethnicity, religion or disability answers were recorded.",
  [AuditAction.ParticipantDemographicsRead]: "A participant's ethnicity, religion and disability answers were read.",
  [AuditAction.ParticipantDemographicsDeleted]:
    "A participant's ethnicity, religion and disability answers were deleted.",
  [AuditAction.ParticipantDataExported]: 'A subject access export of everything held about a participant was built.',
  [AuditAction.ConsentGranted]: 'A consent was granted.',
  [AuditAction.ConsentRefused]: 'A consent was refused.',
  [AuditAction.ConsentWithdrawn]: 'A consent was withdrawn.',
  [AuditAction.ResponsesSubmitted]: 'A batch of responses was stored.',
  [AuditAction.ResponsesImportUploaded]: 'A file of answers was uploaded and checked for import (row counts only).',
  [AuditAction.ResponsesImportStarted]: 'A checked file of answers was queued for import.',
  [AuditAction.ResponsesImported]:
    'A file of answers was stored: its participants, their consent decisions and responses (counts only).',
  [AuditAction.ResponseCoded]: 'A response was coded to a theme.',
  [AuditAction.ResponseUncoded]: 'A coding was removed.',
  [AuditAction.SuggestionRejected]: 'A suggested theme was rejected for a response.',
  [AuditAction.ThemeCreated]: 'A theme was added to the codebook.',
  [AuditAction.ThemeUpdated]: 'A theme was changed.',
  [AuditAction.ThemeMerged]: 'A theme was merged into another.',
  [AuditAction.ReleasePublished]: 'A release of the council tables was published.',
  [AuditAction.ReleaseScheduleChanged]: 'The schedule of automatic releases was set or changed.',
  [AuditAction.QuoteMarked]: 'A passage was marked as a candidate quote.',
  [AuditAction.QuoteConsentChecked]: "A quote's consent was checked.",
  [AuditAction.QuoteDeidentified]: 'A quote was de-identified (edited text and description).',
  [AuditAction.QuoteApproved]: 'A quote was approved for use.',
  [AuditAction.QuoteRejected]: 'A quote was rejected.',
  [AuditAction.QuotesWithdrawn]: "A person's quotes were withdrawn (QUOTE consent withdrawn).",
  [AuditAction.QuotesNamedNoLonger]: "A person's quotes went back to descriptions (ATTRIBUTION withdrawn).",
  [AuditAction.QuotesExported]: 'The quotes were exported.',
  [AuditAction.SafeguardingRulesChanged]: 'A new version of the safeguarding rule set was saved.',
  [AuditAction.SafeguardingRulesRescanned]:
    'Earlier responses were checked against a newly saved rule set (counts of responses read and flags raised).',
  [AuditAction.SafeguardingFlagRaised]: 'A response was flagged for safeguarding (by a rule or by hand).',
  [AuditAction.SafeguardingActionRecorded]: 'An action was recorded on a safeguarding flag.',
  [AuditAction.SafeguardingFlagClosed]: 'A safeguarding flag was closed.',
  [AuditAction.AuditExported]: 'The audit log was exported as CSV.',
  [AuditAction.DemoSeeded]: 'Demo data was loaded.',
  [AuditAction.EngagementThresholdChanged]: "The engagement's disclosure threshold was changed.",
  [AuditAction.EngagementUpdated]: "The engagement's name or listening period was changed.",
  [AuditAction.EngagementNoticeVersionAdded]: 'A privacy-notice version was added; it is now the current one.',
  [AuditAction.EngagementRetentionDateChanged]: "The engagement's retention date was set, changed or cleared.",
  [AuditAction.RetentionApplied]: 'The retention job deleted contact details and special-category data (counts only).',
  [AuditAction.ReportNarrativeEdited]: "A section of the board report's narrative was written or changed.",
  [AuditAction.ReportBuildRequested]: 'A new version of the board report was asked for.',
  [AuditAction.ReportBuilt]: 'A version of the board report was built.',
  [AuditAction.ReportPublished]: 'A version of the board report was published to council keys.',
  [AuditAction.AgreementSampleDrawn]:
    'A sample of responses was drawn for blind double coding, and its coders assigned.',
  [AuditAction.AgreementCodingSubmitted]: 'A coder submitted their blind coding of a sampled response.',
  [AuditAction.AgreementItemSettled]:
    "The coders' disagreement on a sampled response was settled; the settled coding became the response's coding.",
  [AuditAction.QuestionnaireOpened]: 'The public questionnaire was opened to residents.',
  [AuditAction.QuestionnaireClosed]: 'The public questionnaire was closed.',
  [AuditAction.QuestionnaireSessionModeChanged]:
    'The public questionnaire was set to file answers under one session per area, or one for the channel.',
  [AuditAction.PaperFormsPrinted]: "A session's paper forms were printed, each sheet with a fresh participant code.",
};

/** The GraphQL name of an action: `area.created` is AREA_CREATED. */
export function auditActionName(action: AuditAction): string {
  return action.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
