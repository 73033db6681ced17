import type { MockLink } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SafeguardingRuleSetQuery, SaveSafeguardingRulesMutation } from './safeguarding.graphql';
import SafeguardingRulesPage from './SafeguardingRulesPage';

type Kind = 'PHRASE' | 'PATTERN';
const rule = (text: string, category = 'RISK_OF_HARM', kind: Kind = 'PHRASE', enabled = true) => ({
  category,
  kind,
  text,
  enabled,
});
/** 22 risk-of-harm phrases and one hate-incident pattern: two pages of 20. */
const RULES = [
  ...Array.from({ length: 22 }, (_, i) => rule(`harm phrase ${i + 1}`)),
  rule('(spat|shouted) at us', 'HATE_INCIDENT', 'PATTERN'),
];
const typed = (rules: ReturnType<typeof rule>[]) => rules.map((r) => ({ __typename: 'SafeguardingRule', ...r }));
const ruleSet = (version: number, rules: ReturnType<typeof rule>[]) => ({
  __typename: 'SafeguardingRuleSet',
  version,
  savedAt: version ? '2026-07-02T10:30:00Z' : null,
  savedBy: version ? 'Sam Okafor' : null,
  rules: typed(rules),
});
const read = (rules = RULES, version = 0): MockLink.MockedResponse => ({
  request: { query: SafeguardingRuleSetQuery },
  result: { data: { safeguardingRuleSet: ruleSet(version, rules) } },
});
const save = (
  rules: ReturnType<typeof rule>[],
  result: MockLink.MockedResponse['result'],
): MockLink.MockedResponse => ({
  request: { query: SaveSafeguardingRulesMutation, variables: { rules } },
  result,
});

const rulesTable = () => screen.findByRole('table', { name: /^Rules, / });
const textField = () => screen.getByRole('textbox', { name: /^(Phrase|Pattern)/ });

describe('SafeguardingRulesPage', () => {
  it('lists the rules 20 to a page, and narrows them to one category', async () => {
    renderWithProviders(<SafeguardingRulesPage />, { mocks: [read()] });
    const table = await rulesTable();
    expect(table).toHaveAccessibleName('Rules, 23 in all');
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByText('1–20 of 23')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('built-in rules (version 0)');

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(within(await rulesTable()).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('rowheader', { name: '(spat|shouted) at us' })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Hate incident');
    expect(await rulesTable()).toHaveAccessibleName('Rules, 1 in all (Hate incident)');
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /\(spat\|shouted\) at us/ })).toHaveTextContent('Pattern');

    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Every category');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find' }), 'PHRASE 2');
    expect(await rulesTable()).toHaveAccessibleName('Rules, 4 in all');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find' }), '3');
    expect(await screen.findByText(/^No rule matches/)).toBeInTheDocument();
  });

  it('refuses an empty phrase and a broken pattern beside the field, and sends nothing', async () => {
    renderWithProviders(<SafeguardingRulesPage />, { mocks: [read()] });
    await rulesTable();
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(textField()).toHaveAccessibleDescription(expect.stringContaining('Enter a phrase or a pattern'));
    expect(textField()).toHaveFocus();

    await userEvent.selectOptions(screen.getByLabelText(/^Kind/), 'Pattern');
    await userEvent.type(textField(), '(hit{{|hurt me');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(textField()).toHaveAccessibleDescription(expect.stringContaining('not a valid regular expression'));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it("shows the server's refusal of the new rule beside its field: the set names it by its place", async () => {
    const rules = [rule('end it all'), rule('kill myself')];
    const added = [...rules, rule('([a-z]+)+ harm', 'RISK_OF_HARM', 'PATTERN')];
    const refusal = 'rules.2.text repeats a repeated group, which can take too long on a long text';
    renderWithProviders(<SafeguardingRulesPage />, {
      mocks: [
        read(rules),
        save(added, { errors: [{ message: refusal, extensions: { code: 'BAD_USER_INPUT', field: 'rules.2.text' } }] }),
      ],
    });
    await rulesTable();
    await userEvent.selectOptions(screen.getByLabelText(/^Kind/), 'Pattern');
    // userEvent reads [ as a key name: [[ types one.
    await userEvent.type(textField(), '([[a-z]+)+ harm');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await expect.poll(() => textField().getAttribute('aria-invalid')).toBe('true');
    expect(textField()).toHaveAccessibleDescription(expect.stringContaining('Repeats a repeated group'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('disables a rule by saving the set with it switched off, and says which version that made', async () => {
    const rules = [rule('end it all'), rule('kill myself')];
    const disabled = [rule('end it all', 'RISK_OF_HARM', 'PHRASE', false), rule('kill myself')];
    renderWithProviders(<SafeguardingRulesPage />, {
      mocks: [read(rules), save(disabled, { data: { saveSafeguardingRules: ruleSet(1, disabled) } })],
    });
    await rulesTable();
    await userEvent.click(screen.getByRole('button', { name: 'Disable “end it all”' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Rule “end it all” disabled: the rules are now version 1.',
    );
    expect(screen.getByRole('row', { name: /end it all/ })).toHaveTextContent('Disabled');
    expect(screen.getByRole('button', { name: 'Enable “end it all”' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Version 1, saved by Sam Okafor');
    expect(screen.getByRole('note')).toHaveTextContent('1 of 2 rules disabled');
  });

  it('edits a rule in place, keeping the rest of the set as it was', async () => {
    const rules = [rule('end it all'), rule('kill myself')];
    const edited = [rule('end it all'), rule('kill myself', 'ABUSE_DISCLOSURE')];
    renderWithProviders(<SafeguardingRulesPage />, {
      mocks: [read(rules), save(edited, { data: { saveSafeguardingRules: ruleSet(1, edited) } })],
    });
    await rulesTable();
    await userEvent.click(screen.getByRole('button', { name: 'Edit “kill myself”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “kill myself”' });
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Category/), 'Abuse disclosure');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Rule saved: the rules are now version 1.');
    expect(screen.getByRole('row', { name: /kill myself/ })).toHaveTextContent('Abuse disclosure');
  });
});
