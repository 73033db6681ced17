import { Role, Sector } from '@chorus/shared';

/** The cast and places of the demo engagement. Organisations and people are invented. */

export const ENGAGEMENT_NAME = 'Stoke-on-Trent Community Conversation 2026';
export const NOTICE_VERSIONS = ['2026-05', '2026-07'] as const;
/** The privacy notice was revised for sessions from July onwards. */
export const SECOND_NOTICE_FROM = '2026-07-01';

export interface DemoArea {
  name: string;
  population: number;
  venues: string[];
}

export const AREAS: DemoArea[] = [
  {
    name: 'Tunstall',
    population: 21_400,
    venues: ['Tunstall Library', 'Tunstall Town Hall', 'Tunstall Park bowls pavilion', 'Tunstall Market Hall'],
  },
  {
    name: 'Burslem',
    population: 26_300,
    venues: ['Burslem Library', 'Burslem School of Art', 'Middleport Pottery café', 'Burslem Community Centre'],
  },
  {
    name: 'Hanley',
    population: 38_900,
    venues: ['Hanley Library', 'Hanley Bus Station café', 'Potteries Museum & Art Gallery', 'Hanley Park pavilion'],
  },
  {
    name: 'Stoke',
    population: 31_200,
    venues: ['Stoke Library', 'Stoke Town Hall', 'Spode Works', 'Stoke Minster church hall'],
  },
  {
    name: 'Fenton',
    population: 18_700,
    venues: ['Fenton Community Centre', 'Fenton Town Hall', 'Fenton Manor sports centre'],
  },
  {
    name: 'Longton',
    population: 34_600,
    venues: [
      'Longton Library',
      'Longton Market',
      'Gladstone Pottery Museum',
      "Queen's Park café",
      'Normacot community hub',
    ],
  },
];

/** Which ages an audience draws; shapes age bands and which phrases suit its members. */
export type AgeProfile = 'young' | 'adult' | 'older' | 'mixed';

export interface DemoAudience {
  name: string;
  ages: AgeProfile;
  /** The language most of its members speak, when not English. */
  language?: 'ur' | 'pl';
}

export const AUDIENCES: DemoAudience[] = [
  { name: 'young carers', ages: 'young' },
  { name: 'older residents', ages: 'older' },
  { name: 'faith leaders', ages: 'adult' },
  { name: 'parents of under-fives', ages: 'adult' },
  { name: 'sixth-form students', ages: 'young' },
  { name: 'Polish community', ages: 'mixed', language: 'pl' },
  { name: 'Urdu and Punjabi speakers', ages: 'mixed', language: 'ur' },
  { name: 'disabled residents', ages: 'mixed' },
  { name: 'small business owners', ages: 'adult' },
  { name: 'market traders', ages: 'adult' },
  { name: 'housing association tenants', ages: 'mixed' },
  { name: 'allotment holders', ages: 'older' },
  { name: 'shoppers and passers-by', ages: 'mixed' },
  { name: 'unpaid carers', ages: 'adult' },
  { name: 'jobseekers', ages: 'adult' },
  { name: 'refugees and people seeking asylum', ages: 'mixed' },
  { name: 'youth club members', ages: 'young' },
  { name: 'football supporters', ages: 'mixed' },
  { name: 'LGBTQ+ residents', ages: 'mixed' },
  { name: 'bus users', ages: 'mixed' },
  { name: 'volunteers', ages: 'mixed' },
];

export interface DemoOrganisation {
  name: string;
  sector: Sector;
  /** Audiences it runs its own sessions with. */
  audiences: string[];
  area: string;
}

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Potteries Community Health Partnership',
    sector: Sector.PUBLIC_SERVICE,
    audiences: ['unpaid carers', 'disabled residents'],
    area: 'Stoke',
  },
  {
    name: 'Mother Town Traders Association',
    sector: Sector.BUSINESS,
    audiences: ['small business owners', 'market traders'],
    area: 'Burslem',
  },
  {
    name: 'Longton Market Traders',
    sector: Sector.BUSINESS,
    audiences: ['market traders', 'shoppers and passers-by'],
    area: 'Longton',
  },
  { name: 'North Staffs Young Carers', sector: Sector.VOLUNTARY, audiences: ['young carers'], area: 'Hanley' },
  {
    name: 'Six Towns Refugee Welcome',
    sector: Sector.VOLUNTARY,
    audiences: ['refugees and people seeking asylum'],
    area: 'Hanley',
  },
  {
    name: 'Potteries Sixth Form College',
    sector: Sector.EDUCATION,
    audiences: ['sixth-form students'],
    area: 'Fenton',
  },
  {
    name: 'Six Towns Faith Forum',
    sector: Sector.FAITH,
    audiences: ['faith leaders', 'Urdu and Punjabi speakers'],
    area: 'Longton',
  },
  {
    name: 'Fenton Community Association',
    sector: Sector.COMMUNITY,
    audiences: ['older residents', 'housing association tenants'],
    area: 'Fenton',
  },
  { name: 'Tunstall Allotment Society', sector: Sector.COMMUNITY, audiences: ['allotment holders'], area: 'Tunstall' },
  {
    name: 'Kiln Light Arts Collective',
    sector: Sector.OTHER,
    audiences: ['volunteers', 'LGBTQ+ residents'],
    area: 'Burslem',
  },
];

export type UserKey = 'admin' | 'coordinator' | 'facilitator1' | 'facilitator2' | 'analyst' | 'partner';

export interface DemoUser {
  key: UserKey;
  email: string;
  displayName: string;
  role: Role;
  /** Set for the partner user: the organisation it belongs to. */
  organisation?: string;
}

/** The organisation whose partner user can sign in; it runs several demo sessions. */
export const PARTNER_ORGANISATION = 'North Staffs Young Carers';

/**
 * Demo sign-ins. Every password is `chorus-demo-<role in lower case>`:
 *   admin@chorus.local         chorus-demo-admin
 *   coordinator@chorus.local   chorus-demo-coordinator
 *   facilitator@chorus.local   chorus-demo-facilitator
 *   facilitator2@chorus.local  chorus-demo-facilitator
 *   analyst@chorus.local       chorus-demo-analyst
 *   partner@chorus.local       chorus-demo-partner   (North Staffs Young Carers)
 */
export const USERS: DemoUser[] = [
  { key: 'admin', email: 'admin@chorus.local', displayName: 'Demo Admin', role: Role.ADMIN },
  { key: 'coordinator', email: 'coordinator@chorus.local', displayName: 'Jo Bennett', role: Role.COORDINATOR },
  { key: 'facilitator1', email: 'facilitator@chorus.local', displayName: 'Farah Hussain', role: Role.FACILITATOR },
  { key: 'facilitator2', email: 'facilitator2@chorus.local', displayName: 'Tom Walker', role: Role.FACILITATOR },
  { key: 'analyst', email: 'analyst@chorus.local', displayName: 'Kasia Nowak', role: Role.ANALYST },
  {
    key: 'partner',
    email: 'partner@chorus.local',
    displayName: 'Grace Adeyemi',
    role: Role.PARTNER,
    organisation: PARTNER_ORGANISATION,
  },
];

export function demoPassword(role: Role): string {
  return `chorus-demo-${role.toLowerCase()}`;
}
