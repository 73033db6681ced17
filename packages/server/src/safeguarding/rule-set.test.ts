import { SafeguardingCategory } from '@chorus/shared';
import { HELD_OUT_CORPUS } from './corpus-held-out';
import { TUNING_CORPUS, type LabelledSentence } from './corpus';
import { DEFAULT_RULES } from './default-rules';
import { CompiledRules, RuleKind, validateRules } from './rule-set';

/** A hit raises the labelled category; any flag on a sentence that should raise a different one, or none, is a false alarm. */
function score(rules: CompiledRules, corpus: LabelledSentence[]) {
  let truePositives = 0;
  let flagged = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const { text, category } of corpus) {
    const raised = rules.match(text).map((m) => m.category);
    const hit = category !== null && raised.includes(category);
    if (raised.length) flagged++;
    if (hit) truePositives++;
    else if (category !== null) misses.push(text);
    if (raised.length && !hit) falseAlarms.push(text);
  }
  const positives = corpus.filter((s) => s.category !== null).length;
  return {
    recall: truePositives / positives,
    precision: flagged ? truePositives / flagged : 1,
    misses,
    falseAlarms,
  };
}

const rules = new CompiledRules(DEFAULT_RULES);

describe('the default safeguarding rule set', () => {
  it('is measured on a labelled corpus of at least 100 sentences with hard negatives', () => {
    expect(TUNING_CORPUS.length).toBeGreaterThanOrEqual(100);
    for (const category of Object.values(SafeguardingCategory)) {
      expect(TUNING_CORPUS.filter((s) => s.category === category).length).toBeGreaterThanOrEqual(10);
    }
    expect(HELD_OUT_CORPUS.length).toBeGreaterThanOrEqual(20);
  });

  it('finds at least 90 % of what it should on the tuning corpus, at 90 % precision or better', () => {
    const result = score(rules, TUNING_CORPUS);
    console.log('safeguarding rules, tuning corpus', result);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('is reported as measured on the held-out corpus it was not tuned on', () => {
    const result = score(rules, HELD_OUT_CORPUS);
    console.log('safeguarding rules, held-out corpus', result);
    // Measured once, then fixed as a floor that guards against regressions: 5 of 13 (38 %) found, no
    // false alarm. The rules were not changed after this was first run; docs/privacy.md says so.
    expect(result.recall).toBeGreaterThanOrEqual(0.38);
    expect(result.precision).toBeGreaterThanOrEqual(0.6);
  });

  it('the default rules pass the validation an edited rule set gets', () => {
    expect(validateRules(DEFAULT_RULES)).toHaveLength(DEFAULT_RULES.length);
  });
});

describe('an edited rule set', () => {
  const field = (rules: Parameters<typeof validateRules>[0]) => {
    try {
      validateRules(rules);
      return null;
    } catch (error) {
      return (error as { field?: string }).field;
    }
  };
  const harm = SafeguardingCategory.RISK_OF_HARM;

  it('refuses a broken, slow, empty-matching or repeated rule, naming it', () => {
    const ok = { category: harm, kind: RuleKind.PHRASE, text: 'end it all' };
    expect(field([ok, { category: harm, kind: RuleKind.PATTERN, text: '(unclosed' }])).toBe('rules.1.text');
    expect(field([{ category: harm, kind: RuleKind.PATTERN, text: '(a+)+$' }])).toBe('rules.0.text');
    expect(field([{ category: harm, kind: RuleKind.PATTERN, text: 'x*' }])).toBe('rules.0.text');
    expect(field([ok, { ...ok, text: 'End  it all' }])).toBe('rules.1.text');
    expect(field([{ category: harm, kind: RuleKind.PHRASE, text: '  ' }])).toBe('rules.0.text');
    expect(field([ok])).toBeNull();
  });

  it('matches phrases as whole words, whatever the case and apostrophes', () => {
    const compiled = new CompiledRules([{ category: harm, kind: RuleKind.PHRASE, text: "don't want to live" }]);
    expect(compiled.match('I DON’T want   to live like this')).toEqual([
      { category: harm, rule: "don't want to live" },
    ]);
    expect(compiled.match('I don’t want to lives')).toEqual([]);
  });

  it('matches nothing with a disabled rule, and keeps it in the validated set', () => {
    const rules = [
      { category: harm, kind: RuleKind.PHRASE, text: 'end it all', enabled: false },
      { category: harm, kind: RuleKind.PATTERN, text: 'no way out', enabled: false },
    ];
    expect(new CompiledRules(rules).match('I want to end it all, there is no way out')).toEqual([]);
    expect(validateRules(rules).map((rule) => rule.enabled)).toEqual([false, false]);
    expect(validateRules([{ category: harm, kind: RuleKind.PHRASE, text: 'end it all' }])[0]!.enabled).toBe(true);
  });
});
