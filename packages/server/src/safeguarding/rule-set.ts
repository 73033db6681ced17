import { LIMITS, SafeguardingCategory } from '@chorus/shared';
import { badInput } from '../common/errors.js';

/** How a rule matches: a phrase as whole words, or a regular expression (case-insensitive). */
export enum RuleKind {
  PHRASE = 'PHRASE',
  PATTERN = 'PATTERN',
}

export interface SafeguardingRule {
  category: SafeguardingCategory;
  kind: RuleKind;
  text: string;
  /** False keeps the rule in the set, visible, but matching nothing. Absent (versions saved before) means true. */
  enabled?: boolean;
}

/** What a text raised: one entry per category, naming the first rule of it that matched. */
export interface RuleMatch {
  category: SafeguardingCategory;
  rule: string;
}

/**
 * Texts are compared in one spelling: lower case, straight apostrophes, single spaces. Rules
 * are written in the same form.
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A nested quantifier such as `(a+)+` or `(\w*)*` can take exponential time on a long text;
 * refusing them keeps matching linear enough to run on every submission.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

interface CompiledCategory {
  category: SafeguardingCategory;
  phrases: RegExp | null;
  patterns: { source: string; regex: RegExp }[];
}

/**
 * A rule set compiled once: every category's phrases become one alternation bounded by
 * non-letters, its patterns one regex each. Matching is then a handful of regex runs per text.
 */
export class CompiledRules {
  private readonly categories: CompiledCategory[];

  constructor(rules: readonly SafeguardingRule[]) {
    const live = rules.filter((rule) => rule.enabled !== false);
    this.categories = Object.values(SafeguardingCategory).map((category) => {
      const mine = live.filter((rule) => rule.category === category);
      const phrases = mine.filter((rule) => rule.kind === RuleKind.PHRASE).map((rule) => normalise(rule.text.trim()));
      return {
        category,
        phrases: phrases.length
          ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'u')
          : null,
        patterns: mine
          .filter((rule) => rule.kind === RuleKind.PATTERN)
          .map((rule) => ({ source: rule.text, regex: new RegExp(rule.text, 'iu') })),
      };
    });
  }

  match(text: string): RuleMatch[] {
    const plain = normalise(text);
    const matches: RuleMatch[] = [];
    for (const { category, phrases, patterns } of this.categories) {
      const phrase = phrases?.exec(plain);
      if (phrase) {
        matches.push({ category, rule: phrase[0] });
        continue;
      }
      const pattern = patterns.find(({ regex }) => regex.test(plain));
      if (pattern) matches.push({ category, rule: pattern.source });
    }
    return matches;
  }
}

/** Checks an edited rule set, naming the offending rule (`rules.3.text`). */
export function validateRules(rules: readonly SafeguardingRule[]): SafeguardingRule[] {
  if (rules.length > LIMITS.safeguardingRules)
    throw badInput('rules', `rules may hold at most ${LIMITS.safeguardingRules} rules`);
  const seen = new Set<string>();
  return rules.map((rule, i) => {
    const field = `rules.${i}.text`;
    const text = rule.text.trim();
    if (!text) throw badInput(field, `${field} must not be empty`);
    if (text.length > LIMITS.safeguardingRuleLength)
      throw badInput(field, `${field} may be at most ${LIMITS.safeguardingRuleLength} characters`);
    if (rule.kind === RuleKind.PATTERN) {
      try {
        new RegExp(text, 'iu');
      } catch {
        throw badInput(field, `${field} is not a valid regular expression`);
      }
      if (NESTED_QUANTIFIER.test(text)) {
        throw badInput(field, `${field} repeats a repeated group, which can take too long on a long text`);
      }
      if (new RegExp(text, 'iu').test(''))
        throw badInput(field, `${field} matches an empty text, so it would flag everything`);
    } else if (normalise(text).length < 3) {
      throw badInput(field, `${field} must be at least 3 characters`);
    }
    const key = `${rule.category} ${rule.kind} ${rule.kind === RuleKind.PHRASE ? normalise(text) : text}`;
    if (seen.has(key)) throw badInput(field, `${field} repeats an earlier rule`);
    seen.add(key);
    return { category: rule.category, kind: rule.kind, text, enabled: rule.enabled ?? true };
  });
}
