import {
  AgeBand,
  CityConnection,
  ConsentMethod,
  ConsentPurpose,
  PARTICIPANT_CODE_ALPHABET,
  PARTICIPANT_CODE_LENGTH,
  Prompt,
  ResponseSource,
  SessionFormat,
  SessionStatus,
} from '@chorus/shared';
import {
  AREAS,
  AUDIENCES,
  NOTICE_VERSIONS,
  ORGANISATIONS,
  PARTNER_ORGANISATION,
  SECOND_NOTICE_FROM,
  type AgeProfile,
  type DemoAudience,
  type UserKey,
} from './demo-setting.js';
import {
  ASIDES,
  BRIDGES,
  COMMON_CLOSERS,
  COMMON_OPENERS,
  GROUP_NOTE_LEADS,
  GROUP_NOTE_TAILS,
  PHRASES,
  type Phrase,
  type ThemeKey,
  type Voice,
} from './demo-text.js';
import { at } from '../common/arrays.js';
import { Random } from './random.js';

/**
 * The demo engagement as plain data, built from a fixed seed so every install gets the same one.
 * Rows refer to one another by index into the plan; the seeder gives them ids as it writes them.
 */

export const DEMO_SEED = 20_260_601;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Sessions run from 1 June to 30 September 2026, all of it British Summer Time (UTC+1). */
const SEASON_START_UTC = Date.UTC(2026, 5, 1);
const SEASON_DAYS = 122;
const UTC_OFFSET_HOURS = 1;
/** The demo is set on the morning of 15 September 2026: later sessions are still planned. */
export const DEMO_NOW = new Date('2026-09-15T09:00:00+01:00');
const PLANNING_STARTED = new Date('2026-05-11T09:00:00+01:00');
/** Analysts are a fortnight behind: fewer of the newest responses are coded yet. */
const CODING_CAUGHT_UP_TO = new Date('2026-09-01T00:00:00+01:00');
const CODED_SHARE_BEFORE = 0.8;
const CODED_SHARE_AFTER = 0.4;

const CANCELLED_SHARE = 0.15;
/** Partners mostly meet on home ground. */
const HOME_AREA_SHARE = 0.7;
/** Most people live where the session is; of the rest, a few give no area. */
const LOCAL_PARTICIPANT_SHARE = 0.75;
const OTHER_AREA_SHARE = 0.8;
const SECOND_FACILITATOR_SHARE = 0.3;
const COORDINATOR_ATTENDS_SHARE = 0.1;
const ANALYST_CODES_SHARE = 0.75;
/** Time a facilitator takes to note one answer when people are heard one at a time. */
const ANSWER_MINUTES = 1.5;
const SESSIONS_PER_ORGANISATION = 2;
/** The partner whose user can sign in runs one more, so that sign-in has more to show. */
const EXTRA_PARTNER_SESSIONS = 1;
const QUOTE_GRANTED_SHARE = 0.6;
/** Of the rest, most refused; the others were never asked. */
const QUOTE_REFUSED_SHARE = 0.25;
/** Attribution is asked only of those who allow quotes; a third agree (a fifth overall). */
const ATTRIBUTION_GRANTED_SHARE = 1 / 3;
const QUOTE_WITHDRAWALS = 5;
const PREFER_NOT_TO_SAY_SHARE = 0.05;
const AGE_UNKNOWN_SHARE = 0.06;
/** Of an audience with a community language, the share who answered in it; elsewhere, a few do. */
const COMMUNITY_LANGUAGE_SHARE = 0.6;
const OTHER_LANGUAGE_SHARE = 0.02;
const OTHER_LANGUAGES = ['pl', 'ur'];

const OPENER_SHARE = 0.55;
const CLOSER_SHARE = 0.4;
/** A spoken aside after a point's first sentence ("Honestly."). */
const ASIDE_SHARE = 0.2;
const PROMPT_OWN_WORDS_SHARE = 0.4;
const EXCERPT_SHARE = 0.6;
const SECOND_THEME_SHARE = 0.5;
const MIN_EXCERPT_LENGTH = 30;

interface FormatSpec {
  sessions: number;
  minutes: number;
  /** Local start times, HH:MM. */
  startTimes: string[];
  participants: [number, number];
  /** People counted at the session who did not register. */
  unregistered: [number, number];
  /** Chance that a participant answers each prompt. */
  promptShare: number;
  /** Answers of a few words, and answers that make two points. */
  shortShare: number;
  doubleShare: number;
  groupNotes: [number, number];
  /** Taken prompt by prompt round the room (else person by person). */
  inRounds: boolean;
  consentMethods: ConsentMethod[];
  consentMethodWeights: number[];
  titles: ((s: { audience: string; venue: string; area: string }) => string)[];
}

const FORMATS: Record<SessionFormat, FormatSpec> = {
  [SessionFormat.WORKSHOP]: {
    sessions: 14,
    minutes: 120,
    startTimes: ['10:00', '13:30', '18:00'],
    participants: [6, 12],
    unregistered: [2, 10],
    promptShare: 0.9,
    shortShare: 0.08,
    doubleShare: 0.3,
    groupNotes: [4, 8],
    inRounds: true,
    consentMethods: [ConsentMethod.VERBAL, ConsentMethod.WRITTEN],
    consentMethodWeights: [65, 35],
    titles: [
      (s) => `Listening workshop with ${s.audience}`,
      (s) => `${s.area} community workshop`,
      (s) => `What matters in ${s.area}? Workshop at ${s.venue}`,
    ],
  },
  [SessionFormat.CONVERSATION]: {
    sessions: 16,
    minutes: 90,
    startTimes: ['10:30', '14:00', '17:30'],
    participants: [3, 7],
    unregistered: [0, 6],
    promptShare: 0.85,
    shortShare: 0.1,
    doubleShare: 0.25,
    groupNotes: [2, 4],
    inRounds: true,
    consentMethods: [ConsentMethod.VERBAL, ConsentMethod.WRITTEN],
    consentMethodWeights: [65, 35],
    titles: [
      (s) => `Drop-in conversation at ${s.venue}`,
      (s) => `Cuppa and a chat: ${s.venue}`,
      (s) => `Conversation with ${s.audience}`,
    ],
  },
  [SessionFormat.INTERVIEW]: {
    sessions: 10,
    minutes: 45,
    startTimes: ['09:30', '11:00', '14:30', '16:00'],
    participants: [1, 2],
    unregistered: [0, 0],
    promptShare: 1,
    shortShare: 0.03,
    doubleShare: 0.5,
    groupNotes: [0, 0],
    inRounds: false,
    consentMethods: [ConsentMethod.WRITTEN, ConsentMethod.VERBAL],
    consentMethodWeights: [70, 30],
    titles: [(s) => `One-to-one interviews: ${s.audience}`, (s) => `Interviews at ${s.venue}`],
  },
  [SessionFormat.QUESTIONNAIRE]: {
    sessions: 10,
    minutes: 180,
    startTimes: ['10:00', '11:00'],
    participants: [5, 12],
    unregistered: [10, 40],
    promptShare: 0.85,
    shortShare: 0.35,
    doubleShare: 0.08,
    groupNotes: [0, 0],
    inRounds: false,
    consentMethods: [ConsentMethod.WRITTEN, ConsentMethod.ONLINE],
    consentMethodWeights: [55, 45],
    titles: [(s) => `Questionnaire stall at ${s.venue}`, (s) => `Pop-up questionnaire: ${s.area}`],
  },
  [SessionFormat.FOCUS_GROUP]: {
    sessions: 10,
    minutes: 90,
    startTimes: ['13:00', '18:30'],
    participants: [5, 8],
    unregistered: [0, 2],
    promptShare: 0.95,
    shortShare: 0.05,
    doubleShare: 0.35,
    groupNotes: [3, 5],
    inRounds: true,
    consentMethods: [ConsentMethod.VERBAL, ConsentMethod.WRITTEN],
    consentMethodWeights: [60, 40],
    titles: [(s) => `Focus group: ${s.audience}`, (s) => `${capitalise(s.audience)} focus group, ${s.area}`],
  },
};

/** Age bands in order, and how each audience age profile draws on them. */
const AGE_BANDS = [
  AgeBand.UNDER_16,
  AgeBand.AGE_16_24,
  AgeBand.AGE_25_34,
  AgeBand.AGE_35_44,
  AgeBand.AGE_45_54,
  AgeBand.AGE_55_64,
  AgeBand.AGE_65_74,
  AgeBand.AGE_75_PLUS,
];
const AGE_WEIGHTS: Record<AgeProfile, number[]> = {
  young: [35, 60, 5, 0, 0, 0, 0, 0],
  adult: [0, 8, 22, 26, 22, 16, 5, 1],
  older: [0, 0, 0, 0, 3, 20, 45, 32],
  mixed: [4, 14, 17, 17, 16, 14, 11, 7],
};

const PROMPTS = Object.values(Prompt);

export interface PlannedSession {
  title: string;
  format: SessionFormat;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  area: string;
  venue: string;
  audience: string;
  organisation: string | null;
  headcount: number | null;
  facilitators: UserKey[];
  createdAt: Date;
}

export interface PlannedParticipant {
  code: string;
  session: number;
  area: string | null;
  organisation: string | null;
  connections: CityConnection[];
  ageBand: AgeBand | null;
  createdAt: Date;
}

export interface PlannedConsent {
  participant: number;
  purpose: ConsentPurpose;
  granted: boolean;
  isWithdrawal: boolean;
  method: ConsentMethod | null;
  noticeVersion: string | null;
  recordedBy: UserKey | null;
  recordedAt: Date;
}

export interface PlannedResponse {
  session: number;
  participant: number | null;
  position: number;
  prompt: Prompt;
  text: string;
  language: string;
  source: ResponseSource;
  createdAt: Date;
}

export interface PlannedCoding {
  response: number;
  theme: ThemeKey;
  excerpt: string | null;
  coder: UserKey;
  createdAt: Date;
}

export interface DemoPlan {
  sessions: PlannedSession[];
  participants: PlannedParticipant[];
  consents: PlannedConsent[];
  responses: PlannedResponse[];
  codings: PlannedCoding[];
}

export function buildDemoPlan(seed = DEMO_SEED): DemoPlan {
  const rng = new Random(seed);
  const plan: DemoPlan = { sessions: planSessions(rng), participants: [], consents: [], responses: [], codings: [] };
  const writer = new ResponseWriter(rng);
  const takenCodes = new Set<string>();
  plan.sessions.forEach((session, index) => {
    if (session.status === SessionStatus.HELD) hearSession(rng, plan, writer, takenCodes, session, index);
  });
  withdrawSomeQuotes(rng, plan);
  raiseSomeConcerns(plan);
  return plan;
}

/**
 * What a safeguarding lead meets in real fieldwork: a few answers that need someone to act,
 * matched by the built-in rules once stored. Added after everything else and drawing nothing from
 * the random source, so the rest of the plan is as it was. Each `share` picks the participant that
 * far through the list.
 */
const CONCERNS: { share: number; prompt: Prompt; text: string }[] = [
  {
    share: 0.2,
    prompt: Prompt.CHALLENGES,
    text: 'Since the job went, some days I think everyone would be better off without me, and the wait to see anyone is months.',
  },
  {
    share: 0.55,
    prompt: Prompt.BELONGING,
    text: 'Coming back from the bus station a group told my mum to go back to your own country and threw a bottle at her.',
  },
  {
    share: 0.85,
    prompt: Prompt.CHALLENGES,
    text: 'I stay late at the youth club most nights because I am scared to go home when he has been drinking.',
  },
];

function raiseSomeConcerns(plan: DemoPlan): void {
  for (const { share, prompt, text } of CONCERNS) {
    const participant = Math.floor(plan.participants.length * share);
    const { session } = at(plan.participants, participant);
    const earlier = plan.responses.filter((r) => r.session === session);
    const last = earlier.reduce((latest, r) => Math.max(latest, r.createdAt.getTime()), 0);
    plan.responses.push({
      session,
      participant,
      position: Math.max(-1, ...earlier.map((r) => r.position)) + 1,
      prompt,
      text,
      language: 'en',
      source: earlier[0]?.source ?? ResponseSource.STAFF,
      createdAt: new Date(last + MINUTE),
    });
  }
}

/** People name their town, not their ward. */
const townOf = (ward: string) => AREAS.find((a) => a.name === ward)!.town;

function planSessions(rng: Random): PlannedSession[] {
  const formats = rng.shuffle(
    Object.entries(FORMATS).flatMap(([format, spec]) =>
      Array<SessionFormat>(spec.sessions).fill(format as SessionFormat),
    ),
  );
  const count = formats.length;
  const organisationRuns = [
    ...ORGANISATIONS.flatMap((org) => Array<string>(SESSIONS_PER_ORGANISATION).fill(org.name)),
    ...Array<string>(EXTRA_PARTNER_SESSIONS).fill(PARTNER_ORGANISATION),
  ];
  const runners = rng.shuffle([...organisationRuns, ...Array<null>(count - organisationRuns.length).fill(null)]);
  const areaDeck = rng.shuffle(Array.from({ length: count }, (_, i) => at(AREAS, i % AREAS.length)));

  const sessions = formats.map((format, i): PlannedSession => {
    const spec = FORMATS[format];
    const organisation = ORGANISATIONS.find((org) => org.name === runners[i]) ?? null;
    const area =
      organisation && rng.chance(HOME_AREA_SHARE) ? AREAS.find((a) => a.town === organisation.town)! : at(areaDeck, i);
    const audience = organisation ? audienceNamed(rng.pick(organisation.audiences)) : rng.pick(AUDIENCES);
    const venue = rng.pick(area.venues);
    // Spread evenly over the season, each in its own slot of days.
    const day = Math.floor(((i + rng.next()) * SEASON_DAYS) / count);
    const [hours, minutes] = clockTime(rng.pick(spec.startTimes));
    const startsAt = new Date(SEASON_START_UTC + day * DAY + (hours - UTC_OFFSET_HOURS) * HOUR + minutes * MINUTE);
    // Partners report the sessions they ran; only the city's own team calls sessions off here.
    const status =
      startsAt >= DEMO_NOW
        ? SessionStatus.PLANNED
        : !organisation && rng.chance(CANCELLED_SHARE)
          ? SessionStatus.CANCELLED
          : SessionStatus.HELD;
    const createdAt = new Date(
      Math.min(
        Math.max(startsAt.getTime() - rng.int(10, 40) * DAY, PLANNING_STARTED.getTime()),
        DEMO_NOW.getTime() - DAY,
      ),
    );
    return {
      title: rng.pick(spec.titles)({ audience: audience.name, venue, area: area.town }),
      format,
      status,
      startsAt,
      endsAt: new Date(startsAt.getTime() + spec.minutes * MINUTE),
      area: area.name,
      venue,
      audience: audience.name,
      organisation: organisation?.name ?? null,
      headcount: null,
      facilitators: organisation ? [] : pickFacilitators(rng),
      createdAt,
    };
  });
  return sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function pickFacilitators(rng: Random): UserKey[] {
  const lead: UserKey = rng.chance(0.5) ? 'facilitator1' : 'facilitator2';
  const team: UserKey[] = [lead];
  if (rng.chance(SECOND_FACILITATOR_SHARE)) team.push(lead === 'facilitator1' ? 'facilitator2' : 'facilitator1');
  if (rng.chance(COORDINATOR_ATTENDS_SHARE)) team.push('coordinator');
  return team;
}

/** Counts the room at a held session, registers the people there with their consent, and records what they said. */
function hearSession(
  rng: Random,
  plan: DemoPlan,
  writer: ResponseWriter,
  takenCodes: Set<string>,
  session: PlannedSession,
  sessionIndex: number,
): void {
  const spec = FORMATS[session.format];
  const audience = audienceNamed(session.audience);
  const count = rng.int(...spec.participants);
  session.headcount = count + rng.int(...spec.unregistered);

  const noticeVersion = session.startsAt < new Date(SECOND_NOTICE_FROM) ? NOTICE_VERSIONS[0] : NOTICE_VERSIONS[1];
  const method = rng.weighted(spec.consentMethods, spec.consentMethodWeights);
  const recordedBy = consentRecorder(session);
  const start = session.startsAt.getTime();
  const duration = session.endsAt.getTime() - start;

  const said: Said[] = [];
  for (let i = 0; i < count; i++) {
    // In a room everyone signs in at the start; otherwise people come one after another.
    const registeredAt = spec.inRounds
      ? start + Math.floor(((i + rng.next()) / count) * 10 * MINUTE)
      : start + Math.floor(((i + rng.next() * 0.5) / count) * duration);
    const ageBand = drawAgeBand(rng, audience.ages);
    const participant = plan.participants.length;
    plan.participants.push({
      code: newCode(rng, takenCodes),
      session: sessionIndex,
      area: rng.chance(LOCAL_PARTICIPANT_SHARE)
        ? session.area
        : rng.chance(OTHER_AREA_SHARE)
          ? rng.pick(AREAS).name
          : null,
      organisation: session.organisation,
      connections: drawConnections(rng, ageBand, audience),
      ageBand,
      createdAt: new Date(registeredAt),
    });
    recordConsents(rng, plan, participant, { method, noticeVersion, recordedBy, at: registeredAt });

    const language = drawLanguage(rng, audience);
    const speaker = {
      voices: voicesOf(ageBand),
      town: townOf(at(plan.participants, participant).area ?? session.area),
      used: new Set<Phrase>(),
    };
    let prompts = PROMPTS.filter(() => rng.chance(spec.promptShare));
    if (!prompts.length) prompts = [rng.pick(PROMPTS)];
    prompts.forEach((prompt, j) => {
      said.push({
        ...writer.answer(prompt, spec, speaker),
        participant,
        prompt,
        order: i,
        at: registeredAt + (j + 1) * ANSWER_MINUTES * MINUTE,
        language,
      });
    });
  }
  const notes = rng.int(...spec.groupNotes);
  for (let k = 0; k < notes; k++) {
    const prompt = rng.pick(PROMPTS);
    said.push({
      ...writer.groupNote(prompt, townOf(session.area)),
      participant: null,
      prompt,
      order: count + k,
      at: session.endsAt.getTime() - (notes - k) * MINUTE,
      language: 'en',
    });
  }

  if (spec.inRounds) said.sort((a, b) => PROMPTS.indexOf(a.prompt) - PROMPTS.indexOf(b.prompt) || a.order - b.order);
  else said.sort((a, b) => a.order - b.order || PROMPTS.indexOf(a.prompt) - PROMPTS.indexOf(b.prompt));

  // A partner sends its notes as one batch some hours after the session.
  const batchAt = Math.min(
    session.endsAt.getTime() + rng.int(2, 30) * HOUR,
    session.endsAt.getTime() + (DEMO_NOW.getTime() - session.endsAt.getTime()) / 2,
  );
  const step = Math.floor((duration - 25 * MINUTE) / said.length);
  const codedShare = session.startsAt < CODING_CAUGHT_UP_TO ? CODED_SHARE_BEFORE : CODED_SHARE_AFTER;
  said.forEach((answer, position) => {
    const createdAt = session.organisation
      ? batchAt + position * 1000
      : spec.inRounds
        ? start + 15 * MINUTE + position * step
        : answer.at;
    const response = plan.responses.length;
    plan.responses.push({
      session: sessionIndex,
      participant: answer.participant,
      position,
      prompt: answer.prompt,
      text: answer.text,
      language: answer.language,
      source: session.organisation ? ResponseSource.PARTNER_API : ResponseSource.STAFF,
      createdAt: new Date(createdAt),
    });
    if (!answer.codes.length || !rng.chance(codedShare)) return;
    const coder: UserKey = rng.chance(ANALYST_CODES_SHARE) ? 'analyst' : 'coordinator';
    const codedAt = Math.min(createdAt + rng.int(1, 10) * DAY + rng.int(0, 8) * HOUR, DEMO_NOW.getTime() - 10 * MINUTE);
    answer.codes.forEach((code, k) => {
      plan.codings.push({
        response,
        theme: code.theme,
        excerpt: code.excerpt,
        coder,
        createdAt: new Date(codedAt + k * 1000),
      });
    });
  });
}

/** Staff record consent at their own sessions; for partners, only the one with a demo user is named. */
function consentRecorder(session: PlannedSession): UserKey | null {
  if (!session.organisation) return session.facilitators[0] ?? null;
  return session.organisation === PARTNER_ORGANISATION ? 'partner' : null;
}

function recordConsents(
  rng: Random,
  plan: DemoPlan,
  participant: number,
  how: { method: ConsentMethod; noticeVersion: string; recordedBy: UserKey | null; at: number },
): void {
  // A second apart, so the ledger reads in the order the questions were asked.
  let asked = 0;
  const decide = (purpose: ConsentPurpose, granted: boolean) =>
    plan.consents.push({
      participant,
      purpose,
      granted,
      isWithdrawal: false,
      method: how.method,
      noticeVersion: how.noticeVersion,
      recordedBy: how.recordedBy,
      recordedAt: new Date(how.at + asked++ * 1000),
    });
  decide(ConsentPurpose.PARTICIPATION, true);
  const quote = rng.next();
  if (quote < QUOTE_GRANTED_SHARE) {
    decide(ConsentPurpose.QUOTE, true);
    decide(ConsentPurpose.ATTRIBUTION, rng.chance(ATTRIBUTION_GRANTED_SHARE));
  } else if (quote < QUOTE_GRANTED_SHARE + QUOTE_REFUSED_SHARE) {
    decide(ConsentPurpose.QUOTE, false);
  }
}

/** A few people later withdraw their quote consent; their participation stands. */
function withdrawSomeQuotes(rng: Random, plan: DemoPlan): void {
  const latestSession = DEMO_NOW.getTime() - 5 * DAY;
  const eligible = plan.consents.filter(
    (c) =>
      c.purpose === ConsentPurpose.QUOTE &&
      c.granted &&
      at(plan.sessions, at(plan.participants, c.participant).session).startsAt.getTime() < latestSession,
  );
  for (const grant of rng.shuffle(eligible).slice(0, QUOTE_WITHDRAWALS)) {
    const earliest = grant.recordedAt.getTime() + 2 * DAY;
    plan.consents.push({
      participant: grant.participant,
      purpose: ConsentPurpose.QUOTE,
      granted: false,
      isWithdrawal: true,
      method: null,
      noticeVersion: null,
      recordedBy: 'coordinator',
      recordedAt: new Date(earliest + Math.floor(rng.next() * (DEMO_NOW.getTime() - HOUR - earliest))),
    });
  }
}

function audienceNamed(name: string): DemoAudience {
  const audience = AUDIENCES.find((a) => a.name === name);
  if (!audience) throw new Error(`unknown demo audience ${name}`);
  return audience;
}

function newCode(rng: Random, taken: Set<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < PARTICIPANT_CODE_LENGTH; i++) code += rng.pick([...PARTICIPANT_CODE_ALPHABET]);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function drawLanguage(rng: Random, audience: DemoAudience): string {
  if (audience.language) return rng.chance(COMMUNITY_LANGUAGE_SHARE) ? audience.language : 'en';
  return rng.chance(OTHER_LANGUAGE_SHARE) ? rng.pick(OTHER_LANGUAGES) : 'en';
}

function drawAgeBand(rng: Random, profile: AgeProfile): AgeBand | null {
  if (rng.chance(AGE_UNKNOWN_SHARE)) return null;
  if (rng.chance(PREFER_NOT_TO_SAY_SHARE)) return AgeBand.PREFER_NOT_TO_SAY;
  return rng.weighted(AGE_BANDS, AGE_WEIGHTS[profile]);
}

const YOUNG_BANDS: (AgeBand | null)[] = [AgeBand.UNDER_16, AgeBand.AGE_16_24];
const RETIRED_BANDS: (AgeBand | null)[] = [AgeBand.AGE_65_74, AgeBand.AGE_75_PLUS];

/** The phrase voices that suit a speaker: 55–64s fit both grown-up and older ones; unknown ages count as grown-up. */
function voicesOf(ageBand: AgeBand | null): Voice[] {
  if (YOUNG_BANDS.includes(ageBand)) return ['young'];
  if (RETIRED_BANDS.includes(ageBand)) return ['older'];
  return ageBand === AgeBand.AGE_55_64 ? ['grown', 'older'] : ['grown'];
}

function drawConnections(rng: Random, ageBand: AgeBand | null, audience: DemoAudience): CityConnection[] {
  const young = YOUNG_BANDS.includes(ageBand);
  const retired = RETIRED_BANDS.includes(ageBand);
  const chances: Record<CityConnection, number> = {
    [CityConnection.LIVES]: young ? 0.85 : 0.88,
    [CityConnection.WORKS]: young ? 0.2 : retired ? 0.1 : 0.5,
    [CityConnection.STUDIES]: young ? 0.75 : 0.04,
    [CityConnection.VOLUNTEERS]: audience.name === 'volunteers' ? 1 : retired ? 0.25 : 0.12,
  };
  const connections = Object.values(CityConnection).filter((c) => rng.chance(chances[c]));
  return connections.length ? connections : [CityConnection.LIVES];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Composed {
  text: string;
  /** The themes an analyst would code it to, each with the passage that shows it (or null for all of it). */
  codes: { theme: ThemeKey; excerpt: string | null }[];
}

/** One point made in an answer, and the passage of it a coder would highlight. */
interface Point {
  phrase: Phrase;
  text: string;
  excerpt: string;
}

/** An answer as heard at a session, before it gets its place in the session's order. */
interface Said extends Composed {
  participant: number | null;
  prompt: Prompt;
  /** The speaker's place in the room; group notes come after everyone. */
  order: number;
  /** When it was noted, for sessions heard one person at a time. */
  at: number;
  language: string;
}

interface Speaker {
  voices: Voice[];
  town: string;
  /** Phrases this person already used, so nobody repeats themselves. */
  used: Set<Phrase>;
}

/** Builds answers from the phrase banks: opener, one or two points, closer. */
class ResponseWriter {
  private readonly substance = new Map<Prompt, PhraseDeck>();
  private readonly short = new Map<Prompt, PhraseDeck>();

  constructor(private readonly rng: Random) {
    for (const prompt of PROMPTS) {
      this.substance.set(prompt, new PhraseDeck(rng, PHRASES[prompt].substance));
      this.short.set(prompt, new PhraseDeck(rng, PHRASES[prompt].short));
    }
  }

  answer(prompt: Prompt, style: Pick<FormatSpec, 'shortShare' | 'doubleShare'>, speaker: Speaker): Composed {
    const rng = this.rng;
    const bank = PHRASES[prompt];
    const fits = (phrase: Phrase) =>
      (!phrase.voice || speaker.voices.includes(phrase.voice)) && !speaker.used.has(phrase);
    const take = (deck: PhraseDeck) => {
      const phrase = deck.draw(fits);
      speaker.used.add(phrase);
      return this.point(phrase, speaker.town);
    };

    if (rng.chance(style.shortShare)) {
      const point = take(this.short.get(prompt)!);
      return { text: point.text, codes: this.chooseCodes([point], point.text) };
    }
    const points = [take(this.substance.get(prompt)!)];
    if (rng.chance(style.doubleShare)) points.push(take(this.substance.get(prompt)!));
    const parts: string[] = [];
    if (rng.chance(OPENER_SHARE))
      parts.push(rng.pick(rng.chance(PROMPT_OWN_WORDS_SHARE) ? bank.openers : COMMON_OPENERS));
    points.forEach((point, i) => {
      if (i > 0) parts.push(rng.pick(BRIDGES));
      parts.push(point.text);
    });
    if (rng.chance(CLOSER_SHARE))
      parts.push(rng.pick(rng.chance(PROMPT_OWN_WORDS_SHARE) ? bank.closers : COMMON_CLOSERS));
    const text = parts.filter(Boolean).join(' ');
    return { text, codes: this.chooseCodes(points, text) };
  }

  /** A facilitator's note of what a group said; no one person is behind it. */
  groupNote(prompt: Prompt, town: string): Composed {
    const point = this.point(
      this.substance.get(prompt)!.draw((p) => !p.voice),
      town,
    );
    const text = [this.rng.pick(GROUP_NOTE_LEADS), point.text, this.rng.pick(GROUP_NOTE_TAILS)]
      .filter(Boolean)
      .join(' ');
    return { text, codes: this.chooseCodes([point], text) };
  }

  /**
   * A phrase filled in, sometimes with a spoken aside after its first sentence. The excerpt is the
   * opening of the point, or what follows the aside when the opening alone is too short to mean much.
   */
  private point(phrase: Phrase, town: string): Point {
    const text = this.expand(phrase.text, town);
    const [first, ...others] = splitSentences(text);
    if (first === undefined || !others.length || !this.rng.chance(ASIDE_SHARE))
      return { phrase, text, excerpt: excerptOf(text) };
    const rest = others.join(' ');
    return {
      phrase,
      text: [first, this.rng.pick(ASIDES), rest].join(' '),
      excerpt: first.length >= MIN_EXCERPT_LENGTH ? first : excerptOf(rest),
    };
  }

  /** One or two themes from the points made, first point first; an excerpt only where it narrows the text. */
  private chooseCodes(points: Point[], whole: string): Composed['codes'] {
    const candidates = [0, 1].flatMap((rank) =>
      points.flatMap((p) => {
        const theme = p.phrase.themes[rank];
        return theme ? [{ ...p, theme }] : [];
      }),
    );
    const limit = points.length > 1 || this.rng.chance(SECOND_THEME_SHARE) ? 2 : 1;
    const codes: Composed['codes'] = [];
    for (const candidate of candidates) {
      if (codes.length === limit) break;
      if (codes.some((c) => c.theme === candidate.theme)) continue;
      const excerpt = candidate.text !== whole && this.rng.chance(EXCERPT_SHARE) ? candidate.excerpt : null;
      codes.push({ theme: candidate.theme, excerpt });
    }
    return codes;
  }

  /** Fills `{a|b}` with one option and `{town}` with the speaker's town, innermost first. */
  private expand(template: string, town: string): string {
    let text = template;
    for (let before = ''; before !== text;) {
      before = text;
      text = text.replace(/\{([^{}]*)\}/g, (_, options: string) =>
        options === 'town' ? town : this.rng.pick(options.split('|')),
      );
    }
    return text;
  }
}

/** "HH:MM" as hours and minutes. */
function clockTime(time: string): [number, number] {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`demo start time ${time} is not HH:MM`);
  return [Number(match[1]), Number(match[2])];
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

/** The opening sentence or two of a point: what a coder would highlight. */
function excerptOf(point: string): string {
  const [first = point, ...rest] = splitSentences(point);
  let excerpt = first;
  for (const sentence of rest) {
    if (excerpt.length >= MIN_EXCERPT_LENGTH) break;
    excerpt += ` ${sentence}`;
  }
  return excerpt;
}

/**
 * Deals phrases from a shuffled deck, reshuffling when it runs out, so every phrase is used about
 * as often as the others and the same one does not come up twice in a row.
 */
class PhraseDeck {
  private queue: Phrase[] = [];

  constructor(
    private readonly rng: Random,
    private readonly phrases: readonly Phrase[],
  ) {}

  draw(fits: (phrase: Phrase) => boolean): Phrase {
    for (let refills = 0; refills < 2; refills++) {
      const index = this.queue.findIndex(fits);
      const [phrase] = index >= 0 ? this.queue.splice(index, 1) : [];
      if (phrase) return phrase;
      this.queue.push(...this.rng.shuffle(this.phrases));
    }
    throw new Error('no demo phrase fits this speaker');
  }
}
