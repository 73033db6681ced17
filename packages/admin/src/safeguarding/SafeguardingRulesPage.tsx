import { useQuery } from '@apollo/client/react';
import { ADMIN_ROUTES, SafeguardingCategory } from '@chorus/shared';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../common/errors';
import { enumValue, formatDateTime, LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { RuleForm } from './RuleForm';
import { SafeguardingRuleSetQuery } from './safeguarding.graphql';
import { useSaveSafeguardingRules } from './useSaveSafeguardingRules';

const PAGE_SIZE = 20;
const ALL = 'ALL';
const SHOW = [
  { value: ALL, label: 'Every category' },
  ...Object.values(SafeguardingCategory).map((value) => ({ value, label: LABELS.safeguardingCategory[value] })),
];

export default function SafeguardingRulesPage() {
  const { data, loading, error, refetch } = useQuery(SafeguardingRuleSetQuery);
  const set = data?.safeguardingRuleSet;
  const rules = set?.rules ?? [];
  const [show, setShow] = useState<string>(ALL);
  const [find, setFind] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | null>(null);
  const [toggle, toggling] = useSaveSafeguardingRules();
  const [notice, setNotice] = useState<string | null>(null);
  const category = enumValue(SafeguardingCategory, show);
  // Each rule keeps its place in the whole set: that is how a save names it (rules.12.text).
  const words = find.trim().toLowerCase();
  const shown = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => (!category || rule.category === category) && rule.text.toLowerCase().includes(words));
  const onPage = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const edited = editing === null ? undefined : rules[editing];
  const toggleError = formErrors(toggling.error);

  const setEnabled = async (index: number, enabled: boolean) => {
    setNotice(null);
    const rule = rules[index]!;
    try {
      const result = await toggle(rules.map((r, i) => (i === index ? { ...r, enabled } : r)));
      if (result)
        setNotice(
          `Rule “${rule.text}” ${enabled ? 'enabled' : 'disabled'}: the rules are now version ${result.version}.`,
        );
    } catch {
      // shown from toggling.error below
    }
  };

  return (
    <>
      <PageTitle title="Safeguarding rules">Safeguarding rules</PageTitle>
      <Stack gap="xl">
        <Text maw="70ch">
          Every response is checked against these rules when it is stored; a match flags it to the{' '}
          <Link to={ADMIN_ROUTES.safeguarding}>safeguarding queue</Link>. A phrase matches as whole words, in any case;
          a pattern is a regular expression. Each change is saved as a new version, and responses stored earlier are
          checked again against it. A disabled rule stays listed but flags nothing.
        </Text>
        <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
          {set && (
            <>
              <Text size="sm" c="dimmed" role="note">
                {set.savedAt
                  ? `Version ${set.version}, saved by ${set.savedBy ?? 'a safeguarding lead'} on ${formatDateTime(set.savedAt)}.`
                  : 'Chorus’s built-in rules (version 0): not changed yet.'}{' '}
                {rules.filter((rule) => !rule.enabled).length} of {rules.length} rules disabled.
              </Text>
              <Paper withBorder p="md" component="section" aria-labelledby="add-rule-heading">
                <Title order={2} size="h3" id="add-rule-heading" mb="sm">
                  Add a rule
                </Title>
                <RuleForm rules={rules} />
              </Paper>
              <section aria-labelledby="rules-heading">
                <Group justify="space-between" align="flex-end" mb="sm">
                  <Title order={2} size="h3" id="rules-heading">
                    Rules
                  </Title>
                  <Group align="flex-end">
                    <TextInput
                      label="Find"
                      type="search"
                      value={find}
                      onChange={(e) => {
                        setFind(e.currentTarget.value);
                        setPage(1);
                      }}
                    />
                    <NativeSelect
                      label="Show"
                      data={SHOW}
                      value={show}
                      onChange={(e) => {
                        setShow(e.currentTarget.value);
                        setPage(1);
                      }}
                    />
                  </Group>
                </Group>
                <Stack gap="sm">
                  {notice && <SuccessNotice message={notice} />}
                  {toggling.error && (
                    <Alert color="red" role="alert">
                      {toggleError.form ?? Object.values(toggleError.fields)[0]}
                    </Alert>
                  )}
                  {shown.length === 0 ? (
                    <Text>No rule matches. Rules added above appear here.</Text>
                  ) : (
                    <Table striped>
                      <Table.Caption>
                        Rules, {shown.length} in all{category ? ` (${LABELS.safeguardingCategory[category]})` : ''}
                      </Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Phrase or pattern</Table.Th>
                          <Table.Th scope="col">Kind</Table.Th>
                          <Table.Th scope="col">Category</Table.Th>
                          <Table.Th scope="col">Status</Table.Th>
                          <Table.Th scope="col">
                            <VisuallyHidden>Actions</VisuallyHidden>
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {onPage.map(({ rule, index }) => (
                          <Table.Tr key={index}>
                            <Table.Th scope="row" fw={400}>
                              <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{rule.text}</Code>
                            </Table.Th>
                            <Table.Td>{LABELS.safeguardingRuleKind[rule.kind]}</Table.Td>
                            <Table.Td>{LABELS.safeguardingCategory[rule.category]}</Table.Td>
                            <Table.Td>
                              <Badge variant="dot" color={rule.enabled ? 'green' : 'gray'} tt="none" miw="max-content">
                                {rule.enabled ? 'Active' : 'Disabled'}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              <Group gap="xs" wrap="nowrap">
                                <Button
                                  variant="default"
                                  size="xs"
                                  onClick={() => setEditing(index)}
                                  aria-label={`Edit “${rule.text}”`}
                                >
                                  Edit
                                </Button>
                                <Button
                                  variant="default"
                                  size="xs"
                                  loading={toggling.loading}
                                  onClick={() => void setEnabled(index, !rule.enabled)}
                                  aria-label={`${rule.enabled ? 'Disable' : 'Enable'} “${rule.text}”`}
                                >
                                  {rule.enabled ? 'Disable' : 'Enable'}
                                </Button>
                              </Group>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                  <Pager
                    connection={{
                      totalCount: shown.length,
                      pageInfo: { hasNextPage: page * PAGE_SIZE < shown.length, endCursor: null },
                    }}
                    pages={{
                      after: null,
                      page,
                      next: () => setPage((now) => now + 1),
                      previous: () => setPage((now) => Math.max(1, now - 1)),
                    }}
                    pageSize={PAGE_SIZE}
                    label="Rule pages"
                  />
                </Stack>
              </section>
            </>
          )}
        </QueryState>
      </Stack>
      <Modal
        opened={edited !== undefined}
        onClose={() => setEditing(null)}
        title={edited ? `Edit “${edited.text}”` : ''}
      >
        {editing !== null && (
          <RuleForm
            rules={rules}
            index={editing}
            onSaved={(version) => {
              setEditing(null);
              setNotice(`Rule saved: the rules are now version ${version}.`);
            }}
          />
        )}
      </Modal>
    </>
  );
}
