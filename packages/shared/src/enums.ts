/** A staff or machine role; the contract's role table says what each may do. */
export enum Role {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  FACILITATOR = 'FACILITATOR',
  ANALYST = 'ANALYST',
  PARTNER = 'PARTNER',
  COUNCIL_READER = 'COUNCIL_READER',
  /** Staff who receive safeguarding flags, record what was done and close them. */
  SAFEGUARDING_LEAD = 'SAFEGUARDING_LEAD',
}

/** The sector a partner organisation works in. */
export enum Sector {
  PUBLIC_SERVICE = 'PUBLIC_SERVICE',
  BUSINESS = 'BUSINESS',
  VOLUNTARY = 'VOLUNTARY',
  EDUCATION = 'EDUCATION',
  FAITH = 'FAITH',
  COMMUNITY = 'COMMUNITY',
  OTHER = 'OTHER',
}

/** What kind of place an area is: an electoral ward (with an ONS GSS code), a town, or another neighbourhood. */
export enum AreaKind {
  WARD = 'WARD',
  TOWN = 'TOWN',
  OTHER = 'OTHER',
}

/** How a session hears people. */
export enum SessionFormat {
  WORKSHOP = 'WORKSHOP',
  CONVERSATION = 'CONVERSATION',
  INTERVIEW = 'INTERVIEW',
  QUESTIONNAIRE = 'QUESTIONNAIRE',
  FOCUS_GROUP = 'FOCUS_GROUP',
}

/** Where a session is in its life. */
export enum SessionStatus {
  PLANNED = 'PLANNED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

/** How a participant is connected to the city; several may apply. */
export enum CityConnection {
  LIVES = 'LIVES',
  WORKS = 'WORKS',
  STUDIES = 'STUDIES',
  VOLUNTEERS = 'VOLUNTEERS',
}

/** A participant's age band; `PREFER_NOT_TO_SAY` is always allowed. */
export enum AgeBand {
  UNDER_16 = 'UNDER_16',
  AGE_16_24 = 'AGE_16_24',
  AGE_25_34 = 'AGE_25_34',
  AGE_35_44 = 'AGE_35_44',
  AGE_45_54 = 'AGE_45_54',
  AGE_55_64 = 'AGE_55_64',
  AGE_65_74 = 'AGE_65_74',
  AGE_75_PLUS = 'AGE_75_PLUS',
  PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY',
}

/** What a consent covers. */
export enum ConsentPurpose {
  PARTICIPATION = 'PARTICIPATION',
  QUOTE = 'QUOTE',
  ATTRIBUTION = 'ATTRIBUTION',
  FOLLOW_UP_CONTACT = 'FOLLOW_UP_CONTACT',
  SPECIAL_CATEGORY_DATA = 'SPECIAL_CATEGORY_DATA',
}

/** How a consent was given or refused. */
export enum ConsentMethod {
  WRITTEN = 'WRITTEN',
  VERBAL = 'VERBAL',
  ONLINE = 'ONLINE',
}

/** The five questions every response is filed under. */
export enum Prompt {
  VALUES = 'VALUES',
  BELONGING = 'BELONGING',
  CHALLENGES = 'CHALLENGES',
  FUTURE = 'FUTURE',
  WHAT_WORKS = 'WHAT_WORKS',
}

/** Where a response came from. */
export enum ResponseSource {
  STAFF = 'STAFF',
  PARTNER_API = 'PARTNER_API',
  IMPORT = 'IMPORT',
  /** A resident's own answers, sent through the public questionnaire. */
  QUESTIONNAIRE = 'QUESTIONNAIRE',
}

/**
 * The ways people are heard, as reach counts them: each session format, the questionnaire
 * split by how it was answered (online by the resident, or on paper and typed up by staff), and
 * bulk import.
 */
export enum Channel {
  WORKSHOP = 'WORKSHOP',
  CONVERSATION = 'CONVERSATION',
  INTERVIEW = 'INTERVIEW',
  FOCUS_GROUP = 'FOCUS_GROUP',
  QUESTIONNAIRE_ONLINE = 'QUESTIONNAIRE_ONLINE',
  QUESTIONNAIRE_PAPER = 'QUESTIONNAIRE_PAPER',
  IMPORT = 'IMPORT',
}

/** Which QUESTIONNAIRE session the public questionnaire files answers under. */
export enum QuestionnaireSessionMode {
  /** One session per area (and one for answers with no area given). */
  PER_AREA = 'PER_AREA',
  /** One session for the whole online channel. */
  PER_CHANNEL = 'PER_CHANNEL',
}

/** What a safeguarding flag is about. */
export enum SafeguardingCategory {
  RISK_OF_HARM = 'RISK_OF_HARM',
  HATE_INCIDENT = 'HATE_INCIDENT',
  ABUSE_DISCLOSURE = 'ABUSE_DISCLOSURE',
}

/** Where a safeguarding flag is in its life. */
export enum FlagStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Who raised a safeguarding flag: a rule of the rule set at submission, or a member of staff. */
export enum FlagSource {
  RULE = 'RULE',
  MANUAL = 'MANUAL',
}
