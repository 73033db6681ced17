import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/**
 * Letters written right to left: Hebrew, Arabic (Urdu's script) and their presentation forms, with
 * the joiners Urdu writes inside words.
 */
const LETTERS = '\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc\\u200c\\u200d';
const RIGHT_TO_LEFT = new RegExp(`[${LETTERS}]`);
const PIECES = new RegExp(`\\s+|[${LETTERS}]+|[^\\s${LETTERS}]+`, 'g');

export const hasRightToLeft = (text: string): boolean => RIGHT_TO_LEFT.test(text);

/** A run cut where its script changes and at spaces: each piece is drawn in one font. */
export const pieces = (run: string): string[] => run.match(PIECES) ?? [];

/** A stretch of a line in one direction, its text in reading (logical) order. */
export interface DirectionalRun {
  text: string;
  rightToLeft: boolean;
}

export interface BidiLine {
  /** The line's own direction: right to left when its first strong letter is. */
  rightToLeft: boolean;
  /** Its runs in reading order. */
  runs: DirectionalRun[];
  /** Indexes into `runs` in the order they stand on the line, from left to right. */
  leftToRight: number[];
}

/**
 * One line by the Unicode Bidirectional Algorithm (bidi-js, UAX #9): its runs of one embedding
 * level in reading order, brackets mirrored in right-to-left runs, and the runs' places from left
 * to right (rule L2: from the highest level down, every sequence at or above it reversed). pdfkit
 * draws text in the order given, so a line of Urdu with a number or an English word in it needs this.
 */
export function bidiLine(line: string): BidiLine {
  const { levels, paragraphs } = bidi.getEmbeddingLevels(line);
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const chars = [...line].map((c, i) => mirrored.get(i) ?? c);
  // Levels are per UTF-16 unit; the text here keeps to the Basic Multilingual Plane's letters.
  const text = chars.join('');
  const runs: (DirectionalRun & { level: number })[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && levels[i] === levels[start]) continue;
    runs.push({ text: text.slice(start, i), rightToLeft: levels[start]! % 2 === 1, level: levels[start]! });
    start = i;
  }
  const order = runs.map((_, i) => i);
  const highest = Math.max(0, ...runs.map((r) => r.level));
  const lowestOdd = Math.min(highest + 1, ...runs.map((r) => r.level).filter((level) => level % 2 === 1));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length;) {
      if (runs[order[i]!]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < order.length && runs[order[end]!]!.level >= level) end++;
      order.splice(i, end - i, ...order.slice(i, end).reverse());
      i = end;
    }
  }
  return {
    rightToLeft: (paragraphs[0]?.level ?? 0) % 2 === 1,
    runs: runs.map(({ text: run, rightToLeft }) => ({ text: run, rightToLeft })),
    leftToRight: order,
  };
}
