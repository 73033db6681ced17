import type { LabelledSentence } from './redaction-corpus.js';
import { REDACTION_CATEGORIES, type Finding, type RedactionCategory, type Redactor } from './redaction.js';

export interface CategoryScore {
  /** Labelled spans found exactly, with the right category. */
  found: number;
  /** Labelled spans of the category. */
  expected: number;
  /** Spans redaction reported with the category. */
  reported: number;
  recall: number;
  precision: number;
}

export interface CorpusScore {
  byCategory: Record<RedactionCategory, CategoryScore>;
  overall: CategoryScore;
  /** Sentences where redaction and labels disagree, for reading. */
  mistakes: { text: string; missed: string[]; extra: string[] }[];
}

const key = (span: { start: number; end: number }, category: RedactionCategory) =>
  `${category}:${span.start}:${span.end}`;

/** Where each label's passage is: searched in order, so a repeated passage is found each time. */
function labelledSpans(sentence: LabelledSentence): Finding[] {
  let from = 0;
  return sentence.expected.map(([category, passage]) => {
    const start = sentence.text.indexOf(passage, from);
    if (start < 0) throw new Error(`corpus label "${passage}" is not in "${sentence.text}"`);
    from = start + passage.length;
    return { start, end: from, category };
  });
}

function score(found: number, expected: number, reported: number): CategoryScore {
  return {
    found,
    expected,
    reported,
    recall: expected ? found / expected : 1,
    precision: reported ? found / reported : 1,
  };
}

/**
 * Strict scoring: a finding counts only if it has the labelled category and exactly the labelled
 * span. A phone redacted without its last digits is a miss and a false alarm, not half right.
 */
export function scoreCorpus(redactor: Redactor, corpus: readonly LabelledSentence[]): CorpusScore {
  const tally = Object.fromEntries(
    REDACTION_CATEGORIES.map((c) => [c, { found: 0, expected: 0, reported: 0 }]),
  ) as Record<RedactionCategory, { found: number; expected: number; reported: number }>;
  const mistakes: CorpusScore['mistakes'] = [];
  for (const sentence of corpus) {
    const expected = labelledSpans(sentence);
    const reported = redactor.find(sentence.text);
    const expectedKeys = new Set(expected.map((span) => key(span, span.category)));
    const reportedKeys = new Set(reported.map((span) => key(span, span.category)));
    for (const span of expected) tally[span.category].expected++;
    for (const span of reported) {
      tally[span.category].reported++;
      if (expectedKeys.has(key(span, span.category))) tally[span.category].found++;
    }
    const show = (span: Finding) => `${span.category} "${sentence.text.slice(span.start, span.end)}"`;
    const missed = expected.filter((span) => !reportedKeys.has(key(span, span.category))).map(show);
    const extra = reported.filter((span) => !expectedKeys.has(key(span, span.category))).map(show);
    if (missed.length || extra.length) mistakes.push({ text: sentence.text, missed, extra });
  }
  const byCategory = Object.fromEntries(
    REDACTION_CATEGORIES.map((c) => [c, score(tally[c].found, tally[c].expected, tally[c].reported)]),
  ) as Record<RedactionCategory, CategoryScore>;
  const sum = (field: 'found' | 'expected' | 'reported') =>
    REDACTION_CATEGORIES.reduce((total, c) => total + tally[c][field], 0);
  return { byCategory, overall: score(sum('found'), sum('expected'), sum('reported')), mistakes };
}
