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
  SpecialCategory,
} from '@chorus/shared';

/** How each enum value reads to staff. */
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
} as const;

type Option = { value: string; label: string };

/** A form field's string back as the enum value it names, or null when it names none. */
export function enumValue<E extends string>(values: Record<string, E>, value: string): E | null {
  return (Object.values(values) as string[]).includes(value) ? (value as E) : null;
}
const optionLists = new Map<keyof typeof LABELS, Option[]>();

/**
 * Select options for an enum, in declaration order. The same array every time: Mantine's Select
 * drops the option a keyboard user has highlighted whenever its data changes identity.
 */
export function options<K extends keyof typeof LABELS>(kind: K): Option[] {
  let list = optionLists.get(kind);
  if (!list) {
    list = Object.entries(LABELS[kind]).map(([value, label]) => ({ value, label }));
    optionLists.set(kind, list);
  }
  return list;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

/** What a partner sees in place of a flagged response's words it did not submit. */
export const WITHHELD_TEXT =
  'Withheld: a safeguarding flag is on this response, and only the organisation that submitted it sees its words.';

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));
