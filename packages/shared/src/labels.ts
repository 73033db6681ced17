import {
  AgeBand,
  AreaKind,
  CityConnection,
  ConsentMethod,
  ConsentPurpose,
  Prompt,
  Role,
  SafeguardingCategory,
  Sector,
  SessionFormat,
  SessionStatus,
} from './enums.js';
import { SpecialCategory } from './demographics.js';

/** The question behind each prompt, as shown to staff and in reports. */
export const PROMPT_QUESTIONS: Record<Prompt, string> = {
  [Prompt.VALUES]: 'What do you value most about your community and city?',
  [Prompt.BELONGING]: 'Where do you feel proud, connected and included, and where do you not?',
  [Prompt.CHALLENGES]: 'What challenges and barriers do you face?',
  [Prompt.FUTURE]: 'What future do you want for yourself and the city?',
  [Prompt.WHAT_WORKS]: 'What already works well, and what more is needed?',
};

/**
 * How each enum value reads to people: the admin app's screens, and the server's reports, release
 * labels and exports. The one place these words are kept.
 */
export const LABELS = {
  prompt: {
    [Prompt.VALUES]: 'What people value',
    [Prompt.BELONGING]: 'Belonging',
    [Prompt.CHALLENGES]: 'Challenges',
    [Prompt.FUTURE]: 'The future',
    [Prompt.WHAT_WORKS]: 'What works',
  },
  format: {
    [SessionFormat.WORKSHOP]: 'Workshop',
    [SessionFormat.CONVERSATION]: 'Conversation',
    [SessionFormat.INTERVIEW]: 'Interview',
    [SessionFormat.QUESTIONNAIRE]: 'Questionnaire',
    [SessionFormat.FOCUS_GROUP]: 'Focus group',
  },
  status: {
    [SessionStatus.PLANNED]: 'Planned',
    [SessionStatus.HELD]: 'Held',
    [SessionStatus.CANCELLED]: 'Cancelled',
  },
  connection: {
    [CityConnection.LIVES]: 'Lives here',
    [CityConnection.WORKS]: 'Works here',
    [CityConnection.STUDIES]: 'Studies here',
    [CityConnection.VOLUNTEERS]: 'Volunteers here',
  },
  ageBand: {
    [AgeBand.UNDER_16]: 'Under 16',
    [AgeBand.AGE_16_24]: '16–24',
    [AgeBand.AGE_25_34]: '25–34',
    [AgeBand.AGE_35_44]: '35–44',
    [AgeBand.AGE_45_54]: '45–54',
    [AgeBand.AGE_55_64]: '55–64',
    [AgeBand.AGE_65_74]: '65–74',
    [AgeBand.AGE_75_PLUS]: '75 and over',
    [AgeBand.PREFER_NOT_TO_SAY]: 'Prefer not to say',
  },
  purpose: {
    [ConsentPurpose.PARTICIPATION]: 'Take part (required)',
    [ConsentPurpose.QUOTE]: 'Be quoted anonymously',
    [ConsentPurpose.ATTRIBUTION]: 'Be named with their quotes',
    [ConsentPurpose.FOLLOW_UP_CONTACT]: 'Be contacted again',
    [ConsentPurpose.SPECIAL_CATEGORY_DATA]: 'Share sensitive demographics',
  },
  method: {
    [ConsentMethod.WRITTEN]: 'Written',
    [ConsentMethod.VERBAL]: 'Verbal',
    [ConsentMethod.ONLINE]: 'Online',
  },
  role: {
    [Role.ADMIN]: 'Admin',
    [Role.COORDINATOR]: 'Coordinator',
    [Role.FACILITATOR]: 'Facilitator',
    [Role.ANALYST]: 'Analyst',
    [Role.PARTNER]: 'Partner',
    [Role.COUNCIL_READER]: 'Council reader',
    [Role.SAFEGUARDING_LEAD]: 'Safeguarding lead',
  },
  safeguardingCategory: {
    [SafeguardingCategory.RISK_OF_HARM]: 'Risk of harm',
    [SafeguardingCategory.HATE_INCIDENT]: 'Hate incident',
    [SafeguardingCategory.ABUSE_DISCLOSURE]: 'Abuse disclosure',
  },
  safeguardingRuleKind: {
    PHRASE: 'Phrase',
    PATTERN: 'Pattern',
  },
  specialCategory: {
    [SpecialCategory.ETHNIC_GROUP]: 'Ethnic group',
    [SpecialCategory.RELIGION]: 'Religion',
    [SpecialCategory.DISABILITY]: 'Disability',
  },
  areaKind: {
    [AreaKind.WARD]: 'Ward',
    [AreaKind.TOWN]: 'Town',
    [AreaKind.OTHER]: 'Other neighbourhood',
  },
  sector: {
    [Sector.PUBLIC_SERVICE]: 'Public service',
    [Sector.BUSINESS]: 'Business',
    [Sector.VOLUNTARY]: 'Voluntary',
    [Sector.EDUCATION]: 'Education',
    [Sector.FAITH]: 'Faith',
    [Sector.COMMUNITY]: 'Community',
    [Sector.OTHER]: 'Other',
  },
} as const satisfies {
  prompt: Record<Prompt, string>;
  format: Record<SessionFormat, string>;
  status: Record<SessionStatus, string>;
  connection: Record<CityConnection, string>;
  ageBand: Record<AgeBand, string>;
  purpose: Record<ConsentPurpose, string>;
  method: Record<ConsentMethod, string>;
  role: Record<Role, string>;
  safeguardingCategory: Record<SafeguardingCategory, string>;
  safeguardingRuleKind: Record<'PHRASE' | 'PATTERN', string>;
  specialCategory: Record<SpecialCategory, string>;
  areaKind: Record<AreaKind, string>;
  sector: Record<Sector, string>;
};
