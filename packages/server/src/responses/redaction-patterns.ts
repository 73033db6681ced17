import { ORDINARY_WORDS } from './redaction-words.js';

/**
 * Detectors for personal data with a shape: each returns the spans it finds, left to right and
 * not overlapping one another. Every regex does a bounded amount of work per start position (no
 * unbounded quantifier can re-split what another consumed), so detection stays linear on long or
 * hostile text.
 */
export interface Span {
  start: number;
  end: number;
}

/** Horizontal whitespace: numbers, postcodes and addresses never span lines. */
const H = '[^\\S\\r\\n]';
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

function spans(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => Span | undefined = wholeMatch) {
  const found: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const span = accept(match);
    if (span) found.push(span);
  }
  return found;
}

function wholeMatch(match: RegExpExecArray): Span {
  return { start: match.index, end: match.index + match[0].length };
}

// ---------------------------------------------------------------------------------------------
// Emails

const LOCAL_CHAR = '[\\p{L}\\p{M}\\p{N}._%+-]';

// The lookbehind only lets a match start at the beginning of a run of local-part characters, so
// a long run without "@" is scanned once. Domain labels cannot contain ".", so they never re-split.
const EMAIL = new RegExp(
  `(?<!${LOCAL_CHAR})${LOCAL_CHAR}+${H}?@${H}?(?:[\\p{L}\\p{M}\\p{N}-]+\\.)+\\p{L}{2,}(?!${WORD_CHAR})`,
  'giu',
);

// "jo at example dot com", "jo.smith (at) example.co.uk", "jo [at] gmail [dot] com". Only with
// a domain ending the way real ones do, so "we met at the park. Dot came" stays.
const AT = `(?:${H}{0,2}[([]at[)\\]]${H}{0,2}|${H}{1,2}at${H}{1,2})`;
// A written "." takes no spaces, so "stay at home. In" is not an address in ".in".
const DOT = `(?:\\.|${H}{0,2}[([]dot[)\\]]${H}{0,2}|${H}{1,2}dot${H}{1,2})`;
const LOCAL_WORD = '[\\p{L}\\p{M}\\p{N}_%+-]{1,64}';
const LABEL = '[\\p{L}\\p{M}\\p{N}-]{1,63}';
const TLD = '(?:com|org|net|uk|co|io|info|me|edu|gov|ac|eu|biz|online|email|pl|pk|ie|de|fr|nhs)';
const SPELLED_EMAIL = new RegExp(
  `(?<!${LOCAL_CHAR})${LOCAL_WORD}(?:${DOT}${LOCAL_WORD}){0,3}${AT}(?:${LABEL}${DOT}){1,4}${TLD}(?!${WORD_CHAR})`,
  'giu',
);

export function findEmails(text: string): Span[] {
  // Most texts have no "@", and the plain pattern cannot match without one.
  return [...(text.includes('@') ? spans(text, EMAIL) : []), ...spans(text, SPELLED_EMAIL)];
}

// ---------------------------------------------------------------------------------------------
// UK phone numbers

/** A group of digits, keeping a bracket pair around it ("(01782)", "(0)") or a leading "+". */
const DIGIT_GROUP = /(\+)?(\()?(\d+)(\))?/g;
/** Between groups of one number: up to two spaces, or a dash or dot with a space either side. */
const GROUP_GAP = /^(?:[^\S\r\n]{0,2}|[^\S\r\n]?[-.][^\S\r\n]?)$/;
const NATIONAL_NUMBER = /^0[1-9]\d{8,9}$/;

interface DigitGroup {
  /** Where the span starts and ends: brackets only count when both are there. */
  start: number;
  end: number;
  digits: string;
  plus: boolean;
  /** The text before it, back to the previous group, if short enough to be a separator. */
  gap: string | undefined;
}

function digitGroups(text: string): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(DIGIT_GROUP)) {
    const [whole, plus, open, digits, close] = match;
    const paired = Boolean(open && close);
    const digitsStart = match.index + (plus ? 1 : 0) + (open ? 1 : 0);
    groups.push({
      start: plus ? match.index : paired ? digitsStart - 1 : digitsStart,
      end: paired ? digitsStart + digits!.length + 1 : digitsStart + digits!.length,
      digits: digits!,
      plus: Boolean(plus),
      gap: match.index - previousEnd <= 3 ? text.slice(previousEnd, match.index) : undefined,
    });
    previousEnd = match.index + whole.length;
  }
  return groups;
}

/** The national form ("07700900123") of digits written as a number, or undefined. */
function nationalForm(digits: string, plus: boolean): string | undefined {
  let national = digits;
  if (plus || digits.startsWith('0044')) {
    const rest = plus ? (digits.startsWith('44') ? digits.slice(2) : undefined) : digits.slice(4);
    if (rest === undefined) return undefined;
    national = rest.startsWith('0') ? rest : `0${rest}`;
  }
  return NATIONAL_NUMBER.test(national) ? national : undefined;
}

const isPrefix = (group: DigitGroup) =>
  (group.plus && group.digits === '44') || group.digits === '0044' || group.digits === '44' || group.digits === '0';

/**
 * UK numbers, national ("07700 900123", "07700 90 01 23", "(01782) 123456") or international
 * ("+44 (0) 7700 900123", "0044 7700 900123"). Groups after the first may be split by spaces
 * into pairs, but a dash or dot must open a group of three or more digits, as UK numbers are
 * written; so dates (05.06.2024) and sort codes (01-02-03) are not numbers.
 */
export function findPhones(text: string): Span[] {
  const groups = digitGroups(text);
  const found: Span[] = [];
  for (let i = 0; i < groups.length; i++) {
    const first = groups[i]!;
    const before = text[first.start - 1];
    if (before && /[\p{L}\p{N}]/u.test(before)) continue;
    if (!first.plus && !first.digits.startsWith('0')) continue;
    let digits = '';
    let nationalSeen = false;
    let last = -1;
    for (let j = i; j < groups.length && digits.length <= 13; j++) {
      const group = groups[j]!;
      if (j > i) {
        if (group.plus || group.gap === undefined || !GROUP_GAP.test(group.gap)) break;
        const minimum = /[-.]/.test(group.gap) ? 3 : 2;
        if (nationalSeen && group.digits.length < minimum) break;
      }
      if (!isPrefix(group) || j > i + 1) nationalSeen = true;
      digits += group.digits;
      if (nationalForm(digits, first.plus)) last = j;
    }
    // Every UK number written in groups has one of four digits or more; "03 12 19 27 33" is not one.
    if (last < 0 || !groups.slice(i, last + 1).some((group) => group.digits.length >= 4)) continue;
    found.push({ start: first.start, end: groups[last]!.end });
    i = last;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Postcodes, NHS numbers, National Insurance numbers

// Outward code (letters restricted as Royal Mail does) plus a full inward code; an outward code
// on its own ("the ST4 area") is not personal data.
const POSTCODE = new RegExp(
  `(?<!${WORD_CHAR})[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?(?:${H}{0,3}|${H}?-${H}?)\\d[ABD-HJLNP-UW-Z]{2}(?!${WORD_CHAR})`,
  'giu',
);

export function findPostcodes(text: string): Span[] {
  return spans(text, POSTCODE);
}

/** Ten digits, 3-3-4 with one consistent separator or none. */
const NHS_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{3})(${H}{1,2}|-|)(\\d{3})\\2(\\d{4})(?![\\p{L}\\p{N}])`, 'gu');

/** The NHS modulus 11 check: weights 10 to 2 on the first nine digits give the tenth. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function findNhsNumbers(text: string): Span[] {
  return spans(text, NHS_NUMBER, (match) =>
    isNhsNumber(match[1]! + match[3]! + match[4]!) ? wholeMatch(match) : undefined,
  );
}

// Prefix letters as HMRC allocates them: the first is never D, F, I, Q, U or V, the second
// never those or O; then six digits, in pairs or not, and a suffix A to D.
const NI_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])${H}?-?${H}?(\\d{2})${H}?-?${H}?(\\d{2})${H}?-?${H}?(\\d{2})${H}?-?${H}?[A-D](?![\\p{L}\\p{N}])`,
  'giu',
);
/** Prefixes never allocated. */
const NI_UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function findNiNumbers(text: string): Span[] {
  return spans(text, NI_NUMBER, (match) =>
    NI_UNUSED_PREFIXES.has(match[1]!.toUpperCase()) ? undefined : wholeMatch(match),
  );
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

const MONTH_NAMES = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];
const MONTH_NUMBER = new Map(MONTH_NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));
// Abbreviations may take a full stop ("Sept."); a full month name's stop ends the sentence.
const MONTH = MONTH_NAMES.flatMap(([name, ...short]) => [name, ...short.map((abbr) => `${abbr}\\.?`)]).join('|');
const ORDINAL = '(?:st|nd|rd|th)?';

/** The ways UK residents write a date; groups are named so one handler reads them all. */
const DATE_FORMS = [
  // 12/03/1985, 12.3.85, 12-03-1985
  `(?<![\\p{N}/.-])(?<d>\\d{1,2})${H}?(?<sep>[/.-])${H}?(?<m>\\d{1,2})${H}?\\k<sep>${H}?(?<y>\\d{4}|\\d{2})(?![\\p{N}]|[/.-]\\d)`,
  // 1985-03-12
  `(?<![\\p{N}/.-])(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})(?![\\p{N}]|-\\d)`,
  // 12 March 1985, 12th of March, 1985, 3 Sept '85, and with a cue "3rd March"
  `(?<![\\p{N}])(?<d>\\d{1,2})${ORDINAL}(?:${H}+of)?${H}+(?<mn>${MONTH})(?:,?${H}+(?<y>\\d{4}|'\\d{2}))?(?![\\p{L}\\p{N}])`,
  // March 12th 1985, March 12, 1985
  `(?<![\\p{L}])(?<mn>${MONTH})${H}+(?<d>\\d{1,2})${ORDINAL},?(?:${H}+(?<y>\\d{4}))?(?![\\p{L}\\p{N}])`,
  // 29/02 (only with a cue)
  `(?<![\\p{N}/.-])(?<d>\\d{1,2})[/.](?<m>\\d{1,2})(?![\\p{N}]|[/.-]\\d)`,
  // March 1985 (only with a cue)
  `(?<![\\p{L}])(?<mn>${MONTH})(?:${H}+of)?${H}+(?<y>\\d{4})(?![\\p{L}\\p{N}])`,
].map((source) => new RegExp(source, 'giu'));

/** "born", "DOB", "d.o.b.", "date of birth", "birthday", "birth date", close before the date. */
const BIRTH_CUE = /(?:\bborn\b|\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?(?:day|date)\b)/giu;
const CUE_WINDOW = 40;

function hasBirthCue(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - CUE_WINDOW), start);
  BIRTH_CUE.lastIndex = 0;
  let after: string | undefined;
  for (let match = BIRTH_CUE.exec(window); match; match = BIRTH_CUE.exec(window)) {
    after = window.slice(match.index + match[0].length);
  }
  // The cue must be in the same sentence: "Born here. On 3 May 2024 we met" is no birth date.
  return after !== undefined && !/[.!?]\s|\n/.test(after);
}

function fullYear(written: string, currentYear: number): number {
  const digits = written.replace("'", '');
  if (digits.length === 4) return Number(digits);
  const year = Number(digits);
  return year > currentYear % 100 ? 1900 + year : 2000 + year;
}

/**
 * A date is a birth date when a birth cue comes shortly before it in the same sentence (any date
 * form, even without a year), or when it is a full date (day, month and year) from 1900 up to ten
 * years before `today`: dates that old in a consultation are far more often someone's birthday
 * than an event, and redacting an old event date costs little. A two-digit year without a cue
 * counts only as 19xx.
 */
export function findDatesOfBirth(text: string, today: Date): Span[] {
  const currentYear = today.getUTCFullYear();
  const candidates: Span[] = [];
  for (const pattern of DATE_FORMS) {
    candidates.push(
      ...spans(text, pattern, (match) => {
        const { d, m, mn, y } = match.groups!;
        const day = Number(d);
        const month = mn ? MONTH_NUMBER.get(mn.toLowerCase().replace('.', '')) : Number(m);
        if (!month || month > 12 || day < 1 || day > 31) return undefined;
        const span = wholeMatch(match);
        if (hasBirthCue(text, span.start)) return span;
        if (!y || !d) return undefined;
        const year = fullYear(y, currentYear);
        // Without a cue, "01-02-03" is more likely a sort code or a reference than a birth date.
        if (y.replace("'", '').length === 2 && year >= 2000) return undefined;
        return year >= 1900 && year <= currentYear - 10 ? span : undefined;
      }),
    );
  }
  // Longest first, so "12 March 1985" wins over the "March 1985" inside it.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: Span[] = [];
  for (const span of candidates) {
    if (found.length && span.start < found[found.length - 1]!.end) continue;
    found.push(span);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Street addresses

/** Street types; the weak ones ("Hill", "Green") are ordinary words and need capitals. */
const STRONG_STREET_TYPES =
  'road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|crescent|cres|grove|gardens|gdns|terrace|terr|place|pl|court|ct|square|sq|mews|parade|way|boulevard|wharf';
const WEAK_STREET_TYPES = 'walk|hill|park|green|view|rise|row|bank|gate|vale|fold|croft|chase|mount|yard|side';
const WEAK = new RegExp(`^(?:${WEAK_STREET_TYPES})$`, 'i');

const HOUSE_NUMBER = `\\d{1,3}[a-z]?(?:${H}?-${H}?\\d{1,3}[a-z]?)?`;
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}£$€.,:/-])` +
    // "Flat 3, 21a", "flat3,21a", "Flat 12" (the flat's number alone), or "21a", "12-14"
    `(?:(?<flat>flat|apartment|apt|unit)\\.?${H}?\\d{1,4}[a-z]?(?:,${H}*|${H}+)(?:${HOUSE_NUMBER},?${H}+)?` +
    `|${HOUSE_NUMBER},?${H}+)` +
    `(?<name>(?:[\\p{L}][\\p{L}\\p{M}'’.-]{0,30}${H}+){1,3})` +
    `(?<type>${STRONG_STREET_TYPES}|${WEAK_STREET_TYPES})(?![\\p{L}\\p{N}])` +
    // "300 Leek Road residents" counts people, it is no address.
    `(?!${H}+(?:residents|people|households|families|neighbours|traders|businesses|users)(?![\\p{L}]))`,
  'giu',
);

/**
 * House number and street: "12 Victoria Road", "Flat 3, 21a High St", "7 St Mary's Close".
 * Unless a flat is named, each word of the street's name must be capitalised or not an ordinary
 * word, so "12 victoria road" is an address but "5 more bus lanes" and "the 24 bus road" are not.
 */
export function findAddresses(text: string): Span[] {
  return spans(text, ADDRESS, (match) => {
    const { flat, name, type } = match.groups!;
    const words = name!.trim().split(/\s+/);
    const weak = WEAK.test(type!);
    const capitalised = (word: string) => /^\p{Lu}/u.test(word);
    // "Flat 3" says this is an address whatever the case; otherwise the street's words must.
    if (!flat && weak && !(capitalised(type!) && words.every(capitalised))) return undefined;
    if (!flat && !words.every((word) => capitalised(word) || !ORDINARY_WORDS.has(word.toLowerCase()))) {
      return undefined;
    }
    return wholeMatch(match);
  });
}
