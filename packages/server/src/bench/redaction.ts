import { Redactor, REDACTION_CATEGORIES } from '../responses/redaction.js';
import { CORPUS_NAMES, CORPUS_TODAY, REDACTION_CORPUS } from '../responses/redaction-corpus.js';
import { scoreCorpus } from '../responses/redaction-score.js';

/**
 * `pnpm bench redaction`: recall and precision per category on the labelled corpus, and speed as
 * ratios against a trivial regex pass over the same texts in the same run, so the figures hold
 * across machines. No database needed.
 */
const ROUNDS = 5;
const REPEATS = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median milliseconds of `work` over the rounds, after one warm-up. */
function measure(work: () => void): number {
  work();
  return median(Array.from({ length: ROUNDS }, () => time(work)));
}

/** The fastest of many rounds: on a shared machine, the run least disturbed by others. */
function fastest(work: () => void): number {
  work();
  return Math.min(...Array.from({ length: 4 * ROUNDS }, () => time(work)));
}

// The floor: one linear regex replace per text, about the least any redaction could do.
const TRIVIAL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu;
const trivialPass = (text: string) => text.replace(TRIVIAL, '[EMAIL]');

/** Shapes that make a detector work hardest, at a given length. */
const HOSTILE: Record<string, (length: number) => string> = {
  digits: (n) => '0'.repeat(n),
  'digit pairs': (n) => '07 '.repeat(n / 3),
  'spelled emails': (n) => 'jo at '.repeat(n / 6),
  'spelled domains': (n) => `jo at ${'example dot '.repeat(n / 12)}`,
  'numbers and street words': (n) => '12 Victoria '.repeat(n / 12),
  'flats without streets': (n) => 'Flat 1, '.repeat(n / 8),
  'birth cues': (n) => 'born on the 12th of '.repeat(n / 20),
  'partial dates': (n) => '12/03/'.repeat(n / 6),
  'NI prefixes': (n) => 'AB 12 34 '.repeat(n / 9),
  'first names': (n) => 'Jane '.repeat(n / 5),
  spaces: (n) => `ST1${' '.repeat(n)}x`,
};

export function benchRedaction(): void {
  const redactor = new Redactor(CORPUS_NAMES, { today: CORPUS_TODAY });
  const score = scoreCorpus(redactor, REDACTION_CORPUS);
  const labelled = REDACTION_CORPUS.reduce((n, sentence) => n + sentence.expected.length, 0);
  console.log(
    `redaction quality on ${REDACTION_CORPUS.length} labelled sentences (${labelled} spans; strict: exact span and category):`,
  );
  console.log('  category        spans  recall   precision');
  for (const category of [...REDACTION_CATEGORIES, 'overall' as const]) {
    const s = category === 'overall' ? score.overall : score.byCategory[category];
    console.log(
      `  ${category.padEnd(14)} ${String(s.expected).padStart(6)}  ${percent(s.recall).padStart(6)}   ${percent(s.precision).padStart(6)}`,
    );
  }
  for (const mistake of score.mistakes) {
    console.log(
      `  mistake: ${JSON.stringify(mistake.text)} missed ${mistake.missed.join(', ') || '-'}; extra ${mistake.extra.join(', ') || '-'}`,
    );
  }

  const texts = Array.from({ length: REPEATS }, () => REDACTION_CORPUS.map((s) => s.text)).flat();
  const manyNames = [...CORPUS_NAMES, ...Array.from({ length: 5_000 }, (_, i) => `Firstname${i} Surname${i % 700}`)];
  const withMany = new Redactor(manyNames, { today: CORPUS_TODAY });
  const baseline = measure(() => texts.forEach(trivialPass));
  const ours = measure(() => texts.forEach((text) => redactor.redact(text)));
  const oursMany = measure(() => texts.forEach((text) => withMany.redact(text)));
  const compile = measure(() => void new Redactor(manyNames));
  const rate = (ms: number) => `${Math.round(texts.length / (ms / 1000)).toLocaleString('en-GB')} sentences/s`;
  console.log(`\nthroughput, ${texts.length} sentences (median of ${ROUNDS}):`);
  console.log(`  trivial regex pass (baseline):      ${rate(baseline)}`);
  const ratio = (ms: number) => `${(ms / baseline).toFixed(0)}× the baseline's time`;
  console.log(`  redaction, ${CORPUS_NAMES.length} known names:      ${rate(ours)}  (${ratio(ours)})`);
  console.log(
    `  redaction, ${manyNames.length.toLocaleString('en-GB')} known names:   ${rate(oursMany)}  (${ratio(oursMany)})`,
  );
  console.log(`  compiling ${manyNames.length.toLocaleString('en-GB')} names once per batch: ${compile.toFixed(1)} ms`);

  // Linear time: one 10,000-character text should cost about what ten 1,000-character ones do.
  console.log('\nhostile 10,000-character texts: time, and cost against ten 1,000-character ones (1.0 = linear):');
  for (const [shape, make] of Object.entries(HOSTILE)) {
    const short = make(1_000);
    const long = make(10_000);
    const shortMs = fastest(() => {
      for (let i = 0; i < 10; i++) redactor.redact(short);
    });
    const longMs = fastest(() => redactor.redact(long));
    const growth = longMs / shortMs;
    console.log(`  ${shape.padEnd(26)} ${longMs.toFixed(2).padStart(7)} ms   ratio ${growth.toFixed(1)}`);
  }
}
