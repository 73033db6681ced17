import { Redactor } from './redaction.js';
import { CORPUS_NAMES, CORPUS_TODAY, REDACTION_CORPUS } from './redaction-corpus.js';
import { scoreCorpus } from './redaction-score.js';

// The quality gate: the targets of `pnpm bench redaction`, held on every run.
describe('redaction corpus', () => {
  const score = scoreCorpus(new Redactor(CORPUS_NAMES, { today: CORPUS_TODAY }), REDACTION_CORPUS);

  it('holds at least 300 labelled sentences, with hard negatives', () => {
    expect(REDACTION_CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(REDACTION_CORPUS.filter((sentence) => sentence.expected.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  it.each(Object.keys(score.byCategory))('finds at least 98%% of %s, with 97%% precision', (category) => {
    const { recall, precision, expected } = score.byCategory[category as keyof typeof score.byCategory];
    expect(expected).toBeGreaterThanOrEqual(15);
    expect({ category, recall: recall >= 0.98, precision: precision >= 0.97, mistakes: score.mistakes }).toEqual({
      category,
      recall: true,
      precision: true,
      mistakes: expect.anything(),
    });
  });

  it('meets the targets overall', () => {
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.98);
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.97);
  });
});
