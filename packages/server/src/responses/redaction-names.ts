import { ORDINARY_WORDS } from './redaction-words.js';

/** A known name as the words to look for, folded, and whether it may match in lower case. */
interface NameForm {
  words: string[];
  /** False when every word is also an ordinary word ("Will Green"): then only capitals match. */
  anyCase: boolean;
}

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

/** Case, accents and apostrophes removed: "Zoë" → "zoe", "O’Brien" → "obrien", "Łukasz" → "lukasz". */
export function fold(word: string): string {
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

function tokenise(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const token: Token = {
      start,
      end,
      folded: fold(match[0]),
      capitalised: /^\p{Lu}/u.test(match[0]),
    };
    if (POSSESSIVE.test(match[0])) {
      const bare = match[0].slice(0, -2);
      token.bare = { folded: fold(bare), end: start + bare.length };
    }
    return token;
  });
}

/**
 * The forms a registered name is matched by: the full name, and first + last name when longer;
 * each also with apostrophes read as spaces ("O'Brien" as "O Brien").
 */
function formsOf(name: string): string[][] {
  const written = Array.from(name.matchAll(WORD), (match) => match[0]);
  if (written.length === 0) return [];
  const asWritten = (word: string) => [fold(word)];
  const apartAtApostrophes = (word: string) => word.split(APOSTROPHE).map(fold);
  const forms: string[][] = [];
  for (const wordsOf of [asWritten, apartAtApostrophes]) {
    forms.push(written.flatMap(wordsOf));
    if (written.length > 2) forms.push([...wordsOf(written[0]!), ...wordsOf(written[written.length - 1]!)]);
  }
  return forms.filter((words) => words.every(Boolean));
}

/**
 * Finds known names as whole names. Matching walks the text's words once and looks each word up
 * by the first word of the names, so the cost is linear in the text, not in text × names.
 */
export class NameMatcher {
  private readonly byFirstWord = new Map<string, NameForm[]>();

  constructor(knownNames: readonly string[]) {
    const seen = new Set<string>();
    for (const name of knownNames) {
      for (const words of formsOf(name)) {
        const key = words.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const form = { words, anyCase: words.some((word) => !ORDINARY_WORDS.has(word)) };
        const list = this.byFirstWord.get(words[0]!) ?? [];
        list.push(form);
        this.byFirstWord.set(words[0]!, list);
      }
    }
    // Longest first, so "Jane Mary Smith" is one name rather than "Jane Mary" and a stray word.
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  get empty(): boolean {
    return this.byFirstWord.size === 0;
  }

  /** Spans of known names in `text`, left to right, not overlapping. */
  find(text: string): { start: number; end: number }[] {
    if (this.empty) return [];
    const tokens = tokenise(text);
    const found: { start: number; end: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstWord.get(tokens[i]!.folded);
      if (!candidates) continue;
      for (const form of candidates) {
        const end = this.matchAt(text, tokens, i, form);
        if (end === undefined) continue;
        found.push({ start: tokens[i]!.start, end });
        i += form.words.length - 1;
        break;
      }
    }
    return found;
  }

  /** Where `form` ends if it matches the tokens from `first` on, else undefined. */
  private matchAt(text: string, tokens: Token[], first: number, form: NameForm): number | undefined {
    const last = first + form.words.length - 1;
    if (last >= tokens.length) return undefined;
    for (let k = first; k <= last; k++) {
      const token = tokens[k]!;
      if (!form.anyCase && !token.capitalised) return undefined;
      if (k > first && !NAME_GAP.test(text.slice(tokens[k - 1]!.end, token.start))) return undefined;
      const wanted = form.words[k - first]!;
      if (k < last) {
        if (token.folded !== wanted) return undefined;
      } else if (token.folded === wanted) {
        return token.end;
      } else if (token.bare?.folded === wanted) {
        return token.bare.end;
      } else {
        return undefined;
      }
    }
    return undefined;
  }
}
