import { NameMatcher, plainNames, type KnownNames } from './redaction-names.js';
import {
  findAddresses,
  findDatesOfBirth,
  findEmails,
  findNhsNumbers,
  findNiNumbers,
  findPhones,
  findPostcodes,
  type Span,
} from './redaction-patterns.js';

/**
 * Redaction of personal data in residents' free-text responses. Runs before anything is stored,
 * so it errs on the side of redacting. Each kind of personal data becomes a placeholder named
 * after its category ("[EMAIL]", "[NHS_NUMBER]", …).
 */
export const REDACTION_CATEGORIES = [
  'EMAIL',
  'PHONE',
  'NHS_NUMBER',
  'NI_NUMBER',
  'POSTCODE',
  'DATE_OF_BIRTH',
  'ADDRESS',
  'NAME',
] as const;
export type RedactionCategory = (typeof REDACTION_CATEGORIES)[number];

export interface Finding extends Span {
  category: RedactionCategory;
}

/** Placeholders already in the text are kept, so redacting twice changes nothing more. */
const PLACEHOLDER = new RegExp(`\\[(?:${REDACTION_CATEGORIES.join('|')})\\]`, 'g');

export interface RedactorOptions {
  /** "Now", for telling birth dates from recent dates; defaults to the time of the call. */
  today?: Date;
}

/**
 * Made once per batch from the names the caller may know about: in the clear, or as the keyed
 * digests a server keeps (participants/contact-names.ts). Detectors run independently
 * on the original text; where their spans overlap, the category earlier in REDACTION_CATEGORIES
 * wins (an email's digits are not a phone number, a house number is not a birth date).
 */
export class Redactor {
  private readonly names: NameMatcher;

  constructor(
    knownNames: readonly string[] | KnownNames,
    private readonly options: RedactorOptions = {},
  ) {
    this.names = new NameMatcher(isNameList(knownNames) ? plainNames(knownNames) : knownNames);
  }

  /** The personal data found in `text`, left to right. */
  find(text: string): Finding[] {
    const today = this.options.today ?? new Date();
    const detectors: Record<RedactionCategory, () => Span[]> = {
      EMAIL: () => findEmails(text),
      PHONE: () => findPhones(text),
      NHS_NUMBER: () => findNhsNumbers(text),
      NI_NUMBER: () => findNiNumbers(text),
      POSTCODE: () => findPostcodes(text),
      DATE_OF_BIRTH: () => findDatesOfBirth(text, today),
      ADDRESS: () => findAddresses(text),
      NAME: () => this.names.find(text),
    };
    // One flag per character keeps overlap checks linear however many spans there are.
    const taken = new Uint8Array(text.length);
    const claim = (span: Span) => {
      for (let i = span.start; i < span.end; i++) if (taken[i]) return false;
      taken.fill(1, span.start, span.end);
      return true;
    };
    for (const match of text.matchAll(PLACEHOLDER)) claim({ start: match.index, end: match.index + match[0].length });

    const findings: Finding[] = [];
    for (const category of REDACTION_CATEGORIES) {
      for (const span of detectors[category]()) if (claim(span)) findings.push({ ...span, category });
    }
    return findings.sort((a, b) => a.start - b.start);
  }

  /** `text` with each finding replaced by its placeholder. Pure; no I/O. */
  redact(text: string): string {
    let result = '';
    let from = 0;
    for (const finding of this.find(text)) {
      result += `${text.slice(from, finding.start)}[${finding.category}]`;
      from = finding.end;
    }
    return result + text.slice(from);
  }
}

/** How long redaction runs before letting other requests' work proceed. */
const SLICE_MS = 5;

/** The batch being redacted; the next one starts when it is done. */
let lane: Promise<unknown> = Promise.resolve();

/**
 * Redacts many texts, yielding to the event loop every few milliseconds: a batch of 500 long texts
 * takes tens of milliseconds, and other requests' transactions must not sit idle (holding their
 * locks) while it runs. Batches take turns, one whole batch after another: sliced together, four
 * concurrent batches would all finish redacting at the end of the fourth's time and then all wait
 * for the database at once; in turn, the first batch's INSERT runs while the next is redacted.
 */
export function redactAll(redactor: Redactor, texts: readonly string[]): Promise<string[]> {
  const turn = lane.then(() => redactSliced(redactor, texts));
  lane = turn.catch(() => undefined);
  return turn;
}

async function redactSliced(redactor: Redactor, texts: readonly string[]): Promise<string[]> {
  const redacted: string[] = [];
  let sliceStart = performance.now();
  for (const text of texts) {
    redacted.push(redactor.redact(text));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return redacted;
}

function isNameList(names: readonly string[] | KnownNames): names is readonly string[] {
  return Array.isArray(names);
}

/** Replaces personal data in free text with placeholders; see Redactor. */
export function redact(text: string, knownNames: readonly string[]): string {
  return new Redactor(knownNames).redact(text);
}
