import { Role } from './enums.js';

/**
 * Every action Chorus authorises, as a named verb. The server's services and `@Authorized`
 * check these, and the admin app offers only what they allow; the role table below is the one
 * place that says who may do what.
 */
export const Permission = {
  /** Read the engagement and its areas (reference data). */
  ReferenceRead: 'reference.read',
  /** Edit the engagement: its name, listening period and privacy-notice versions (audited). */
  EngagementManage: 'engagement.manage',
  /** Add areas. */
  AreaManage: 'area.manage',
  /** Read partner organisations. */
  OrganisationRead: 'organisation.read',
  /** Add partner organisations. */
  OrganisationManage: 'organisation.manage',
  /** List staff, e.g. to assign facilitators. */
  UserList: 'user.list',
  /** Create users, disable and enable them, change their role and reset their password. */
  UserManage: 'user.manage',
  /** Create and revoke API keys. */
  ApiKeyManage: 'apiKey.manage',
  /** The staff overview of the engagement's progress. */
  OverviewRead: 'overview.read',
  /** Read sessions. */
  SessionRead: 'session.read',
  /** Plan sessions; facilitators run the sessions they are given, they do not plan them. */
  SessionPlan: 'session.plan',
  /** Edit, hold or cancel a session. */
  SessionUpdate: 'session.update',
  /** See who facilitates a session (staff names). */
  FacilitatorRead: 'facilitator.read',
  /** Assign or remove a session's staff facilitators; partners run their sessions without staff lists. */
  FacilitatorAssign: 'facilitator.assign',
  /** Read participants and their consent ledger. */
  ParticipantRead: 'participant.read',
  /** Register participants. */
  ParticipantRegister: 'participant.register',
  /** Print a session's paper forms, reserving a fresh participant code for each sheet. */
  PaperFormPrint: 'paperForm.print',
  /** Record or withdraw a consent decision. */
  ConsentRecord: 'consent.record',
  /** Erase every trace of a person. */
  ParticipantErase: 'participant.erase',
  /** Read contact details (audited). */
  ContactRead: 'contact.read',
  /** Read ethnicity, religion and disability, special-category data (audited). */
  DemographicsRead: 'demographics.read',
  /** Build a subject access export: everything held about one person (audited). */
  ParticipantExport: 'participant.export',
  /** Read responses. */
  ResponseRead: 'response.read',
  /** Submit responses. */
  ResponseSubmit: 'response.submit',
  /** Import a CSV or XLSX file of answers into a session: people, their consent and their answers, all or nothing. */
  ResponseImport: 'response.import',
  /** Read the codebook. */
  CodebookRead: 'codebook.read',
  /** Build the codebook. */
  CodebookEdit: 'codebook.edit',
  /** Read codings and unsuppressed analysis counts. */
  CodingRead: 'coding.read',
  /** Code responses into themes. */
  CodingEdit: 'coding.edit',
  /** Read theme suggestions, candidate themes and the progress of the jobs that make them (staff only). */
  SuggestionRead: 'suggestion.read',
  /** Start training the suggestion model or grouping uncoded responses into candidate themes. */
  SuggestionTrain: 'suggestion.train',
  /** Draw samples for blind double coding, assign their coders, and read agreement between coders. */
  AgreementManage: 'agreement.manage',
  /** Code the sampled responses one is assigned to, blind, and settle their disagreements with the other coders. */
  AgreementCode: 'agreement.code',
  /** Read suppressed aggregate figures. */
  AggregateRead: 'aggregate.read',
  /**
   * Read aggregate figures by ethnic group, religion or disability (perturbed and suppressed like
   * every figure); staff only, never council keys or partners (docs/disclosure-control.md).
   */
  DemographicsAggregateRead: 'demographics.aggregate_read',
  /** Read published releases of the council tables, and export them. */
  ReleaseRead: 'release.read',
  /** Publish a new release of every council table (audited). */
  ReleasePublish: 'release.publish',
  /** Read the quote register: candidates, their consent state and description check, releases' quotes. */
  QuoteRead: 'quote.read',
  /** Mark a passage as a candidate quote and prepare its published copy and description. */
  QuoteEdit: 'quote.edit',
  /** Confirm a quote's consent: the participant's QUOTE consent, or a group's agreement (its facilitator). */
  QuoteConsentCheck: 'quote.consent_check',
  /** Approve or reject a quote for publication. */
  QuoteApprove: 'quote.approve',
  /** Read the board report's versions and download them; council keys only versions a coordinator published. */
  ReportRead: 'report.read',
  /** Write the report's narrative and build a new version of it from a release. */
  ReportBuild: 'report.build',
  /** Publish a version of the board report, so council keys may read it (audited). */
  ReportPublish: 'report.publish',
  /** Change the engagement's disclosure threshold (audited). */
  DisclosureManage: 'disclosure.manage',
  /** Flag a response for safeguarding by hand (staff who read or hear it). */
  SafeguardingFlag: 'safeguarding.flag',
  /** Work the safeguarding queue: read flagged text, record actions, close flags, edit the rule set. */
  SafeguardingManage: 'safeguarding.manage',
  /** Search and export the audit trail. */
  AuditRead: 'audit.read',
  /** Set the engagement's retention date and read what the retention job did (audited). */
  RetentionManage: 'retention.manage',
  /** Open and close the public questionnaire, choose its sessions, and watch submissions arrive. */
  QuestionnaireManage: 'questionnaire.manage',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;

const FIELDWORK = [
  P.ParticipantRegister,
  P.ConsentRecord,
  P.ResponseSubmit,
  P.SessionUpdate,
  P.PaperFormPrint,
] as const;
const ANALYSIS = [
  P.CodebookRead,
  P.CodebookEdit,
  P.CodingRead,
  P.CodingEdit,
  P.SuggestionRead,
  P.SuggestionTrain,
  P.AggregateRead,
  P.ReleaseRead,
  P.QuoteRead,
  P.QuoteEdit,
  P.ReportRead,
  P.ReportBuild,
  P.AgreementCode,
] as const;

/**
 * A resident answering the public questionnaire: no account and no token, so never a user's or a
 * key's role. The questionnaire's own pages are the only place that acts as one; what it may do is
 * in the table below like every role's, and tenancy confines it to the questionnaire's sessions.
 */
export const RESIDENT = 'RESIDENT' as const;

/** Who the permission table speaks for: every role, and the resident of the public questionnaire. */
export type PermissionHolder = Role | typeof RESIDENT;

/** The contract's role table, as the permissions each role (and the questionnaire's resident) holds. */
export const ROLE_PERMISSIONS: Readonly<Record<PermissionHolder, readonly Permission[]>> = {
  [Role.ADMIN]: Object.values(Permission),
  [Role.COORDINATOR]: [
    P.ReferenceRead,
    P.OrganisationRead,
    P.UserList,
    P.OverviewRead,
    P.SessionRead,
    P.SessionPlan,
    P.FacilitatorRead,
    P.FacilitatorAssign,
    P.ParticipantRead,
    P.ResponseRead,
    P.ReleasePublish,
    P.QuoteConsentCheck,
    P.QuoteApprove,
    P.ReportPublish,
    P.SafeguardingFlag,
    P.DemographicsAggregateRead,
    P.AgreementManage,
    P.QuestionnaireManage,
    P.ResponseImport,
    ...FIELDWORK,
    ...ANALYSIS,
  ],
  [Role.FACILITATOR]: [
    P.ReferenceRead,
    P.OrganisationRead,
    P.SessionRead,
    P.FacilitatorRead,
    P.FacilitatorAssign,
    P.ParticipantRead,
    P.ResponseRead,
    // The quotes of the sessions they facilitate: they confirm a group agreed to be quoted.
    P.QuoteRead,
    P.QuoteConsentCheck,
    P.SafeguardingFlag,
    ...FIELDWORK,
  ],
  [Role.ANALYST]: [
    P.ReferenceRead,
    P.OrganisationRead,
    P.OverviewRead,
    P.SessionRead,
    P.FacilitatorRead,
    P.ResponseRead,
    P.SafeguardingFlag,
    P.DemographicsAggregateRead,
    ...ANALYSIS,
  ],
  [Role.PARTNER]: [
    P.ReferenceRead,
    P.OrganisationRead,
    P.SessionRead,
    P.SessionPlan,
    P.ParticipantRead,
    P.ResponseRead,
    P.CodebookRead,
    // Into their own organisation's sessions only (tenancy).
    P.ResponseImport,
    ...FIELDWORK,
  ],
  [Role.COUNCIL_READER]: [P.ReferenceRead, P.CodebookRead, P.AggregateRead, P.ReleaseRead, P.ReportRead],
  // Reads flagged text through the queue only, not every response; no participant.
  [Role.SAFEGUARDING_LEAD]: [P.ReferenceRead, P.SessionRead, P.SafeguardingManage],
  // Their own registration, answers and withdrawal, at the questionnaire's sessions only (tenancy).
  [RESIDENT]: [
    P.ReferenceRead,
    P.SessionRead,
    P.ParticipantRead,
    P.ParticipantRegister,
    P.ConsentRecord,
    P.ResponseSubmit,
  ],
};

/** Whether `role` holds `permission`; no role (anonymous) holds none. */
export function hasPermission(role: PermissionHolder | null | undefined, permission: Permission): boolean {
  return role !== null && role !== undefined && ROLE_PERMISSIONS[role].includes(permission);
}
