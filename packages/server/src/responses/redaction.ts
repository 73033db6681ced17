/**
 * Redaction of personal data in residents' free-text responses. Runs before
 * anything is stored, so it errs on the side of redacting.
 *
 * Every pattern is written so that each start position does a bounded amount
 * of work (no nested unbounded quantifiers over overlapping characters), which
 * keeps redaction linear on long or hostile input.
 */

/** Horizontal whitespace: phone numbers and postcodes never span lines. */
const H = '[^\\S\\r\\n]';

// Letters, marks and digits in any script, so boundaries work for "Zoë" too.
// "_" is left out so "_ST1 1AA_" (markdown) and "jane_smith" still redact.
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

const LOCAL_CHAR = '[\\p{L}\\p{M}\\p{N}._%+-]';

// The lookbehind only lets a match start at the beginning of a run of
// local-part characters, so a long run without "@" is scanned once, not once
// per character. Domain labels cannot contain ".", so they never re-split.
const EMAIL = new RegExp(`(?<!${LOCAL_CHAR})${LOCAL_CHAR}+@(?:[\\p{L}\\p{M}\\p{N}-]+\\.)+\\p{L}{2,}`, 'giu');

/** Between digit groups: spaces, or a dash/dot, possibly after a closing bracket. */
const SEP = `(?:\\)?(?:${H}?[-.]${H}?|${H}{1,2})|\\))`;

// One digit, optionally preceded by a separator. A separator must open a group
// of at least three digits, as UK numbers are written in practice; this
// keeps dates such as 05.06.2024 from being read as phone numbers.
const DIGIT = `(?:(?:${SEP}(?=\\d{3}))?\\d)`;

const PHONE = new RegExp(
  `(?<!\\d)(?:` +
    // +44 or 0044, an optional "(0)", then the 9–10 digit national number.
    `(?:\\+|00)44(?:${SEP}?\\(0\\))?${SEP}?[1-9]\\d${DIGIT}{7,8}` +
    // National form: 0 plus 9–10 digits, with an area code of 3+ digits.
    `|\\(?0\\d\\d${DIGIT}{7,8}` +
    `)(?!\\d)`,
  'g',
);

// Outward code (letters restricted as Royal Mail does) plus a full inward
// code; an outward code on its own ("the ST4 area") is not personal data.
const POSTCODE = new RegExp(
  `(?<!${WORD_CHAR})[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?${H}*\\d[ABD-HJLNP-UW-Z]{2}(?!${WORD_CHAR})`,
  'giu',
);

/** Matched first and kept, so a participant called e.g. "Name" cannot corrupt a placeholder. */
const PLACEHOLDER = '\\[(?:EMAIL|PHONE|POSTCODE|NAME)\\]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex matching any known full name or name part, or undefined if there are none. */
function namePattern(knownNames: readonly string[]): RegExp | undefined {
  // Keyed by lower-cased text to drop duplicates such as a shared surname.
  const alternatives = new Map<string, string>();
  for (const name of knownNames) {
    const parts = name.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    alternatives.set(parts.join(' ').toLowerCase(), parts.map(escapeRegExp).join('\\s+'));
    for (const part of parts) {
      // Shorter parts ("Mo") are too likely to be ordinary words.
      if (Array.from(part).length >= 3) alternatives.set(part.toLowerCase(), escapeRegExp(part));
    }
  }
  if (alternatives.size === 0) return undefined;

  // Alternation takes the first alternative that matches, so longest first
  // makes "Jane Smith" one [NAME] rather than "[NAME] [NAME]".
  const sources = [...alternatives].sort(([a], [b]) => b.length - a.length).map(([, source]) => source);
  return new RegExp(`(${PLACEHOLDER})|(?<!${WORD_CHAR})(?:${sources.join('|')})(?!${WORD_CHAR})`, 'giu');
}

/** Replaces personal data in free text with placeholders. Pure; no I/O. */
export function redact(text: string, knownNames: readonly string[]): string {
  // Emails go first so their digits and name parts are not half-redacted.
  let result = text.replace(EMAIL, '[EMAIL]').replace(PHONE, '[PHONE]').replace(POSTCODE, '[POSTCODE]');

  const names = namePattern(knownNames);
  if (names) {
    result = result.replace(names, (_match, placeholder: string | undefined) => placeholder ?? '[NAME]');
  }
  return result;
}
