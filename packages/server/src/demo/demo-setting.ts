import { Role, Sector } from '@chorus/shared';

/** The cast and places of the demo engagement. Organisations and people are invented. */

export const ENGAGEMENT_NAME = 'Stoke-on-Trent Community Conversation 2026';
export const NOTICE_VERSIONS = ['2026-05', '2026-07'] as const;
/** The privacy notice was revised for sessions from July onwards. */
export const SECOND_NOTICE_FROM = '2026-07-01';

export interface DemoArea {
  /** The ward's name as ONS lists it. */
  name: string;
  /** Its ONS GSS code (Stoke-on-Trent's wards of 2011–2023: E05008714–E05008750). */
  code: string;
  /** Census 2021 usual residents; approximate, see docs/operations.md ("Demo data"). */
  population: number;
  /** The town it lies in, as residents name it in what they say. */
  town: string;
  venues: string[];
}

/**
 * One real ward in each of the six towns. Codes follow ONS's alphabetical allocation, checked for
 * Hanley Park and Shelton (E05008734); the populations are rounded approximations.
 */
export const AREAS: DemoArea[] = [
  {
    name: 'Tunstall',
    code: 'E05008749',
    population: 11_800,
    town: 'Tunstall',
    venues: ['Tunstall Library', 'Tunstall Town Hall', 'Tunstall Park bowls pavilion', 'Tunstall Market Hall'],
  },
  {
    name: 'Burslem Central',
    code: 'E05008723',
    population: 12_100,
    town: 'Burslem',
    venues: ['Burslem Library', 'Burslem School of Art', 'Middleport Pottery café', 'Burslem Community Centre'],
  },
  {
    name: 'Hanley Park and Shelton',
    code: 'E05008734',
    population: 15_900,
    town: 'Hanley',
    venues: ['Hanley Library', 'Hanley Bus Station café', 'Potteries Museum & Art Gallery', 'Hanley Park pavilion'],
  },
  {
    name: 'Penkhull and Stoke',
    code: 'E05008745',
    population: 11_600,
    town: 'Stoke',
    venues: ['Stoke Library', 'Stoke Town Hall', 'Spode Works', 'Stoke Minster church hall'],
  },
  {
    name: 'Fenton East',
    code: 'E05008728',
    population: 8_900,
    town: 'Fenton',
    venues: ['Fenton Community Centre', 'Fenton Town Hall', 'Fenton Manor sports centre'],
  },
  {
    name: 'Broadway and Longton East',
    code: 'E05008722',
    population: 8_400,
    town: 'Longton',
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
  /** The town it is based in. */
  town: string;
}

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Potteries Community Health Partnership',
    sector: Sector.PUBLIC_SERVICE,
    audiences: ['unpaid carers', 'disabled residents'],
    town: 'Stoke',
  },
  {
    name: 'Mother Town Traders Association',
    sector: Sector.BUSINESS,
    audiences: ['small business owners', 'market traders'],
    town: 'Burslem',
  },
  {
    name: 'Longton Market Traders',
    sector: Sector.BUSINESS,
    audiences: ['market traders', 'shoppers and passers-by'],
    town: 'Longton',
  },
  { name: 'North Staffs Young Carers', sector: Sector.VOLUNTARY, audiences: ['young carers'], town: 'Hanley' },
  {
    name: 'Six Towns Refugee Welcome',
    sector: Sector.VOLUNTARY,
    audiences: ['refugees and people seeking asylum'],
    town: 'Hanley',
  },
  {
    name: 'Potteries Sixth Form College',
    sector: Sector.EDUCATION,
    audiences: ['sixth-form students'],
    town: 'Fenton',
  },
  {
    name: 'Six Towns Faith Forum',
    sector: Sector.FAITH,
    audiences: ['faith leaders', 'Urdu and Punjabi speakers'],
    town: 'Longton',
  },
  {
    name: 'Fenton Community Association',
    sector: Sector.COMMUNITY,
    audiences: ['older residents', 'housing association tenants'],
    town: 'Fenton',
  },
  { name: 'Tunstall Allotment Society', sector: Sector.COMMUNITY, audiences: ['allotment holders'], town: 'Tunstall' },
  {
    name: 'Kiln Light Arts Collective',
    sector: Sector.OTHER,
    audiences: ['volunteers', 'LGBTQ+ residents'],
    town: 'Burslem',
  },
];

export type UserKey =
  'admin' | 'coordinator' | 'facilitator1' | 'facilitator2' | 'analyst' | 'partner' | 'safeguarding';

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
 *   safeguarding@chorus.local  chorus-demo-safeguarding_lead
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
  {
    key: 'safeguarding',
    email: 'safeguarding@chorus.local',
    displayName: 'Amira Khan',
    role: Role.SAFEGUARDING_LEAD,
  },
];

export function demoPassword(role: Role): string {
  return `chorus-demo-${role.toLowerCase()}`;
}
