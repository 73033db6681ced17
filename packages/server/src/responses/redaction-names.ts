import { ORDINARY_WORDS } from './redaction-words.js';

/** A word of the text: where it is, its folded form, and where it ends without a possessive "'s". */
interface Token {
  start: number;
  end: number;
  folded: string;
  /** The folded form and end without a trailing possessive ("Smith's" → "smith"), if it has one. */
  bare?: { folded: string; end: number };
  capitalised: boolean;
}

// Letters that do not decompose under NFD but that residents often type without the mark.
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h' };
const APOSTROPHES = /['’‘ʼ`]/g;
const APOSTROPHE = /['’‘ʼ`]/;

const PLAIN_ASCII = /^[A-Za-z0-9]*$/;

/** Case, accents and apostrophes removed: "Zoë" → "zoe", "O’Brien" → "obrien", "Łukasz" → "lukasz". */
export function fold(word: string): string {
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđßæœıħ]/g, (letter) => FOLD[letter]!)
    .replace(APOSTROPHES, '');
}

// A word may carry apostrophes inside ("O'Brien") but not a hyphen: "Smith-Jones" is two words,
// so it also matches "Smith Jones".
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’‘ʼ][\p{L}\p{M}\p{N}]+)*/gu;
const POSSESSIVE = /['’‘ʼ]s$/iu;
/** What may stand between two words of one name: "Jane Smith", "Smith-Jones", "jane_smith", "J.R. Hartley". */
const NAME_GAP = /^(?:\s+|[-_.]|\.\s+)$/u;
const CAPITALISED = /^\p{Lu}/u;

/** Whether the text between two words may lie inside one name; most gaps are one space. */
const nameGap = (gap: string) => gap === ' ' || NAME_GAP.test(gap);

function tokenise(text: string, foldWord: (word: string) => string): Token[] {
  return Array.from(text.matchAll(WORD), (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const token: Token = {
      start,
      end,
      folded: foldWord(match[0]),
      capitalised: CAPITALISED.test(match[0]),
    };
    if (match[0].length > 2 && POSSESSIVE.test(match[0])) {
      const bare = match[0].slice(0, -2);
      token.bare = { folded: foldWord(bare), end: start + bare.length };
    }
    return token;
  });
}

/**
 * The forms a registered name is matched by, each as its folded words joined by single spaces: the
 * full name, and first + last name when longer; each also with apostrophes read as spaces ("O'Brien"
 * as "O Brien"). These are what `KnownNames` holds, in the clear or as keyed digests.
 */
export function nameForms(name: string): string[] {
  const written = Array.from(name.matchAll(WORD), (match) => match[0]);
  if (written.length === 0) return [];
  const asWritten = (word: string) => [fold(word)];
  const apartAtApostrophes = (word: string) => word.split(APOSTROPHE).map(fold);
  const forms = new Set<string>();
  for (const wordsOf of [asWritten, apartAtApostrophes]) {
    const variants = [written.flatMap(wordsOf)];
    if (written.length > 2) variants.push([...wordsOf(written[0]!), ...wordsOf(written[written.length - 1]!)]);
    for (const words of variants) if (words.every(Boolean)) forms.add(words.join(' '));
  }
  return [...forms];
}

/** How many words a form from `nameForms` has. */
export const wordCount = (form: string) => form.split(' ').length;

/** The first word of a form from `nameForms`. */
export const firstWord = (form: string) => form.split(' ', 1)[0]!;

/**
 * The names on file, as the matcher asks about them: "is this form known?", never "which names
 * are there?". So they can be held as keyed digests (participants/contact-names.ts) as well as in
 * the clear (`plainNames`, for tests and the corpus).
 */
export interface KnownNames {
  /** The word counts of the forms on file, longest first. */
  readonly lengths: readonly number[];
  has(form: string): boolean;
  /**
   * Whether some form on file begins with this folded word. Never false for the first word of a
   * known form, so the matcher asks `has` only about sequences that begin with such a word: most
   * words of a text begin no name, and each question costs a digest.
   */
  opens(word: string): boolean;
}

/** Word counts, longest first, for `KnownNames.lengths`. */
export function lengthsOf(counts: Iterable<number>): number[] {
  return [...new Set(counts)].sort((a, b) => b - a);
}

/** Names given in the clear. */
export function plainNames(names: readonly string[]): KnownNames {
  const forms = new Set(names.flatMap(nameForms));
  const firstWords = new Set([...forms].map(firstWord));
  return {
    lengths: lengthsOf([...forms].map(wordCount)),
    has: (form) => forms.has(form),
    opens: (word) => firstWords.has(word),
  };
}

/**
 * Finds known names as whole names. Matching walks the text's words once and, at each word, asks
 * about the few word sequences starting there that are as long as a name on file (longest first),
 * so the cost is linear in the text and does not grow with the number of names. It asks only about
 * sequences whose first word opens some name on file, and each distinct word and sequence once per
 * matcher (one batch).
 */
export class NameMatcher {
  private readonly asked = new Map<string, boolean>();
  private readonly opening = new Map<string, boolean>();
  private readonly folded = new Map<string, string>();

  constructor(private readonly known: KnownNames) {}

  get empty(): boolean {
    return this.known.lengths.length === 0;
  }

  /** Spans of known names in `text`, left to right, not overlapping. */
  find(text: string): { start: number; end: number }[] {
    if (this.empty) return [];
    const tokens = tokenise(text, (word) => this.fold(word));
    // joined[k]: whether token k follows token k - 1 across a gap a name may span.
    const joined = tokens.map((token, k) => k > 0 && nameGap(text.slice(tokens[k - 1]!.end, token.start)));
    const found: { start: number; end: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const end = this.longestAt(tokens, joined, i);
      if (end === undefined) continue;
      found.push({ start: tokens[i]!.start, end: end.at });
      i += end.words - 1;
    }
    return found;
  }

  /** The end of the longest known name starting at token `first`, and its length in words. */
  private longestAt(tokens: Token[], joined: boolean[], first: number): { at: number; words: number } | undefined {
    const start = tokens[first]!;
    // Only a one-word name can begin with the possessive-less form of the first word ("Cher's").
    if (!this.opens(start.folded) && !(start.bare && this.opens(start.bare.folded))) return undefined;
    let reach = 1;
    while (first + reach < tokens.length && joined[first + reach]) reach++;
    for (const words of this.known.lengths) {
      if (words > reach) continue;
      const last = tokens[first + words - 1]!;
      let leading = '';
      let ordinary = true;
      let capitalised = last.capitalised;
      for (let k = first; k < first + words - 1; k++) {
        leading += `${tokens[k]!.folded} `;
        ordinary &&= ORDINARY_WORDS.has(tokens[k]!.folded);
        capitalised &&= tokens[k]!.capitalised;
      }
      // A form made only of ordinary words ("Will Green") matches only when every word is capitalised.
      const allowed = (lastWord: string) => capitalised || !ordinary || !ORDINARY_WORDS.has(lastWord);
      if (allowed(last.folded) && this.knows(leading + last.folded)) return { at: last.end, words };
      if (last.bare && allowed(last.bare.folded) && this.knows(leading + last.bare.folded)) {
        return { at: last.bare.end, words };
      }
    }
    return undefined;
  }

  private fold(word: string): string {
    let folded = this.folded.get(word);
    if (folded === undefined) {
      folded = fold(word);
      this.folded.set(word, folded);
    }
    return folded;
  }

  private knows(form: string): boolean {
    let known = this.asked.get(form);
    if (known === undefined) {
      known = this.opens(firstWord(form)) && this.known.has(form);
      this.asked.set(form, known);
    }
    return known;
  }

  private opens(word: string): boolean {
    let opens = this.opening.get(word);
    if (opens === undefined) {
      opens = this.known.opens(word);
      this.opening.set(word, opens);
    }
    return opens;
  }
}
