/**
 * Words for the suggestion models: lower-cased word tokens, English stop words dropped, each
 * reduced to its Porter stem, and the features made from them (stems and adjacent pairs of
 * stems). A feature keeps the first words it was seen as, to show people words, not stems.
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each even ever every few for from further ' +
    'get got had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just like lot lots me more most much my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own really same she should so some such than that the their theirs them themselves ' +
    'then there these they this those through to too under until up us very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves im ive dont its thats theres ' +
    'isnt wasnt cant wont didnt doesnt arent youre theyre weve'
  ).split(' '),
);

const isConsonant = (word: string, i: number): boolean => {
  const c = word[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 || !isConsonant(word, i - 1);
  return true;
};

/** Porter's m: the number of vowel-consonant sequences in `stem`. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  while (i < stem.length && isConsonant(stem, i)) i++;
  while (i < stem.length) {
    while (i < stem.length && !isConsonant(stem, i)) i++;
    if (i >= stem.length) break;
    while (i < stem.length && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (stem: string) => [...stem].some((_, i) => !isConsonant(stem, i));
const endsDoubleConsonant = (w: string) =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);
/** Consonant-vowel-consonant, the last not w, x or y (*o in Porter's paper). */
const endsCvc = (w: string) =>
  w.length >= 3 &&
  isConsonant(w, w.length - 3) &&
  !isConsonant(w, w.length - 2) &&
  isConsonant(w, w.length - 1) &&
  !'wxy'.includes(w[w.length - 1]!);

/** Replaces the first matching suffix when the stem before it has a measure above `min`. */
function replaceSuffix(word: string, rules: readonly [string, string][], min: number): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    return measure(stem) > min ? stem + replacement : word;
  }
  return word;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: [string, string][] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

/** The Porter (1980) stem of a lower-case word. */
export function stem(input: string): string {
  let w = input;
  if (w.length <= 2) return w;
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : null;
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (endsDoubleConsonant(w) && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += 'e';
    }
  }
  // Step 1c: y to i after a vowel.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  // Step 4: -ion only after s or t.
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (measure(base) > 1 && (suffix !== 'ion' || base.endsWith('s') || base.endsWith('t'))) w = base;
    break;
  }
  // Step 5: a final e, and a double l.
  if (w.endsWith('e')) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !endsCvc(base))) w = base;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}

export interface Term {
  /** The stem, or two stems joined by a space. */
  key: string;
  /** The words as written, lower case. */
  shown: string;
}

/** The text's words (letters, apostrophes dropped), lower case, stop words and one-letter words left out. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/\p{L}+/gu) ?? []
  ).filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

// Words repeat across texts far more than they vary: stemming each distinct word once makes training many times faster.
const STEMS = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function cachedStem(word: string): string {
  let found = STEMS.get(word);
  if (found === undefined) {
    if (STEMS.size >= STEM_CACHE_LIMIT) STEMS.clear();
    found = stem(word);
    STEMS.set(word, found);
  }
  return found;
}

/** The features of a text: each stem, and each pair of adjacent stems (after stop words are dropped). */
export function terms(text: string): Term[] {
  const list = words(text);
  const stems = list.map(cachedStem);
  const out: Term[] = stems.map((key, i) => ({ key, shown: list[i]! }));
  for (let i = 1; i < stems.length; i++)
    out.push({ key: `${stems[i - 1]} ${stems[i]}`, shown: `${list[i - 1]} ${list[i]}` });
  return out;
}
