import { AgeBand, CityConnection, SessionFormat } from '@chorus/shared';

/** How a description names an age band; "prefer not to say" says nothing. */
const AGE: Record<AgeBand, string | null> = {
  [AgeBand.UNDER_16]: 'a young person under 16',
  [AgeBand.AGE_16_24]: 'a young person',
  [AgeBand.AGE_25_34]: 'a person aged 25–34',
  [AgeBand.AGE_35_44]: 'a person aged 35–44',
  [AgeBand.AGE_45_54]: 'a person aged 45–54',
  [AgeBand.AGE_55_64]: 'a person aged 55–64',
  [AgeBand.AGE_65_74]: 'a person aged 65–74',
  [AgeBand.AGE_75_PLUS]: 'a person aged 75 or over',
  [AgeBand.PREFER_NOT_TO_SAY]: null,
};

const CONNECTION: Record<CityConnection, string> = {
  [CityConnection.LIVES]: 'who lives',
  [CityConnection.WORKS]: 'who works',
  [CityConnection.STUDIES]: 'who studies',
  [CityConnection.VOLUNTEERS]: 'who volunteers',
};

const FORMAT: Record<SessionFormat, string> = {
  [SessionFormat.WORKSHOP]: 'a workshop',
  [SessionFormat.CONVERSATION]: 'a conversation',
  [SessionFormat.INTERVIEW]: 'an interview',
  [SessionFormat.QUESTIONNAIRE]: 'a questionnaire',
  [SessionFormat.FOCUS_GROUP]: 'a focus group',
};

export interface Described {
  ageBand: AgeBand | null;
  connection: CityConnection | null;
  areaName: string | null;
  /** Set for group notes: the session's format stands in for the person. */
  groupFormat?: SessionFormat | null;
}

/** "a young person from Burslem", "someone who works in the city", "someone at a workshop in Tunstall". */
export function describe({ ageBand, connection, areaName, groupFormat }: Described): string {
  if (groupFormat) return `someone at ${FORMAT[groupFormat]}${areaName ? ` in ${areaName}` : ''}`;
  const who = (ageBand && AGE[ageBand]) ?? 'someone';
  if (connection) return `${who} ${CONNECTION[connection]} in ${areaName ?? 'the city'}`;
  return areaName ? `${who} from ${areaName}` : who;
}

/** The connection a description uses: the first the person gave, in the list's order. */
export function mainConnection(connections: readonly CityConnection[]): CityConnection | null {
  return Object.values(CityConnection).find((c) => connections.includes(c)) ?? null;
}

/** An edit in square brackets: a redaction mark `[…]` or words put in place of the speaker's. */
const BRACKETED = /\[[^[\]]{1,100}\]/g;

const squash = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Why `published` is not an edited copy of `excerpt`, or null when it is: outside [brackets] it
 * may only leave words out, so every stretch of its own words occurs in the excerpt, in order.
 * The reason never repeats the text.
 */
export function editedCopyProblem(excerpt: string, published: string): string | null {
  const pieces = published.split(BRACKETED);
  if (pieces.some((piece) => /[[\]]/.test(piece))) {
    return 'an edit must be closed by "]" and hold 1 to 100 characters';
  }
  const source = squash(excerpt);
  let cursor = 0;
  let kept = 0;
  for (const [i, piece] of pieces.entries()) {
    const words = squash(piece).trim();
    if (!words) continue;
    const at = source.indexOf(words, cursor);
    if (at < 0) {
      return `outside [brackets] it may only leave words out; stretch ${i + 1} is not in the passage in that order`;
    }
    cursor = at + words.length;
    kept += words.length;
  }
  return kept ? null : "it must keep some of the speaker's own words";
}
