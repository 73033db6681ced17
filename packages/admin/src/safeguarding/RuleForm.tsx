import { LIMITS, SafeguardingCategory } from '@chorus/shared';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { enumValue, options } from '../common/labels';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import type { SafeguardingRuleInput, SafeguardingRuleKind } from '../gql/graphql';
import { useSaveSafeguardingRules } from './useSaveSafeguardingRules';

const KINDS: Record<SafeguardingRuleKind, SafeguardingRuleKind> = { PHRASE: 'PHRASE', PATTERN: 'PATTERN' };

/** What the server would refuse that can be told here: the server checks again, and more. */
function problemWith(kind: SafeguardingRuleKind, text: string): string | undefined {
  if (!text) return 'Enter a phrase or a pattern';
  if (kind === 'PHRASE') return text.replace(/\s+/g, ' ').length < 3 ? 'Use at least 3 characters' : undefined;
  try {
    new RegExp(text, 'iu');
    return undefined;
  } catch {
    return 'This is not a valid regular expression: check its brackets and backslashes';
  }
}

/**
 * Adds a rule to the set, or edits the rule at `index`. Either way the whole set is saved as a new
 * version; the server names a refused rule by its place in the set (`rules.12.text`).
 */
export function RuleForm({
  rules,
  index = null,
  onSaved,
}: {
  rules: readonly SafeguardingRuleInput[];
  index?: number | null;
  onSaved?: (version: number) => void;
}) {
  const rule = index === null ? undefined : rules[index];
  const position = index ?? rules.length;
  const textField = `rules.${position}.text`;
  const [save, { loading, error }] = useSaveSafeguardingRules();
  const initial = {
    category: rule?.category ?? SafeguardingCategory.RISK_OF_HARM,
    kind: rule?.kind ?? 'PHRASE',
    text: rule?.text ?? '',
  };
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields(initial, error);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const kind = enumValue(KINDS, values.kind) ?? 'PHRASE';
    const text = values.text.trim();
    if (!accept({ text: problemWith(kind, text) })) return;
    const edited = {
      category: enumValue(SafeguardingCategory, values.category) ?? SafeguardingCategory.RISK_OF_HARM,
      kind,
      text,
      enabled: rule?.enabled ?? true,
    };
    try {
      const result = await save(index === null ? [...rules, edited] : rules.map((r, i) => (i === index ? edited : r)));
      if (!result) return;
      if (index === null) reset();
      setSaved(`Rule “${text}” ${index === null ? 'added' : 'saved'}: the rules are now version ${result.version}.`);
      onSaved?.(result.version);
    } catch {
      // shown from `error` below
    }
  };
  const above = messageAboveForm(errors, [textField]);

  return (
    <form
      ref={formRef}
      onSubmit={(event) => runAsync(submit(event))}
      noValidate
      aria-label={rule ? `Edit rule “${rule.text}”` : 'Add a rule'}
    >
      <Stack>
        {saved && <SuccessNotice message={saved} />}
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <NativeSelect
            label="Category"
            description="What a match is flagged as"
            data={options('safeguardingCategory')}
            value={values.category}
            onChange={(e) => set('category', e.currentTarget.value)}
          />
          <NativeSelect
            label="Kind"
            description={
              values.kind === 'PATTERN' ? 'A regular expression, any case' : 'Whole words, any case or apostrophe'
            }
            data={options('safeguardingRuleKind')}
            value={values.kind}
            onChange={(e) => set('kind', e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={values.kind === 'PATTERN' ? 'Pattern' : 'Phrase'}
          description={
            values.kind === 'PATTERN' ? 'For example: (hit|hits|hurt) me' : 'For example: want to end it all'
          }
          value={values.text}
          onChange={(e) => set('text', e.currentTarget.value)}
          error={errorFor('text', textField)}
          maxLength={LIMITS.safeguardingRuleLength}
          required
        />
        <Group>
          <Button type="submit" loading={loading}>
            {rule ? 'Save rule' : 'Add rule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
