import { useQuery } from '@apollo/client/react';
import { Badge, Button, Group, List, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { formatDateTime, LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { FlagSource, FlagStatus } from '@chorus/shared';
import type { SafeguardingQueueQuery as Queue } from '../gql/graphql';
import { SafeguardingQueueQuery } from './safeguarding.graphql';
import { useCloseSafeguardingFlag, useRecordSafeguardingAction } from './useFlagActions';

const PAGE_SIZE = 10;
type FlagNode = NonNullable<Queue['safeguardingFlags']>['edges'][number]['node'];

function FlagCard({ flag }: { flag: FlagNode }) {
  const [action, setAction] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [record, recording] = useRecordSafeguardingAction();
  const [close, closing] = useCloseSafeguardingFlag();
  const headingId = `flag-${flag.id}`;
  const open = flag.status === FlagStatus.OPEN;
  const run = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      setAction('');
    } catch (error) {
      const errors = formErrors(error);
      setProblem(errors.fields.action ?? errors.form ?? 'This could not be saved; try again.');
    }
  };
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h4" id={headingId}>
          {LABELS.safeguardingCategory[flag.category]} · {formatDateTime(flag.raisedAt)}
        </Title>
        <Badge variant="dot" color={open ? 'red' : 'gray'} tt="none" miw="max-content">
          {open ? 'Open' : 'Closed'}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {flag.source === FlagSource.RULE
          ? `Raised by rule “${flag.rule}” (rule set version ${flag.ruleSetVersion})`
          : `Flagged by ${flag.raisedBy ?? 'a member of staff'}`}
        {' · '}
        {LABELS.prompt[flag.response.prompt]}
      </Text>
      <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {flag.response.text}
      </Text>
      {flag.actions.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md">
            What was done
          </Title>
          <List size="sm" mt={4}>
            {flag.actions.map((a) => (
              <List.Item key={a.id}>
                {a.action}{' '}
                <Text span c="dimmed" size="sm">
                  — {a.recordedBy ?? 'staff'}, {formatDateTime(a.recordedAt)}
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
      {open ? (
        <Stack gap="xs" mt="md">
          <Textarea
            label="Action taken"
            description="What was done: a call made, a referral, advice given. Not shown to partners."
            value={action}
            onChange={(event) => setAction(event.currentTarget.value)}
            error={problem}
            autosize
            minRows={2}
          />
          <Group gap="xs">
            <Button size="xs" loading={recording.loading} onClick={() => void run(() => record(flag.id, action))}>
              Record action
            </Button>
            <Button
              size="xs"
              variant="default"
              loading={closing.loading}
              onClick={() => void run(() => close(flag.id, action.trim() || null))}
            >
              Close flag
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt="md">
          Closed by {flag.closedBy ?? 'staff'}
          {flag.closedAt ? `, ${formatDateTime(flag.closedAt)}` : ''}.
        </Text>
      )}
    </Paper>
  );
}

export default function SafeguardingPage() {
  const [status, setStatus] = useState<FlagStatus>(FlagStatus.OPEN);
  const pages = usePages(status);
  const { data, loading, error, refetch } = useQuery(SafeguardingQueueQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, filter: { status } },
  });
  const flags = data?.safeguardingFlags;
  return (
    <>
      <PageTitle title="Safeguarding">Safeguarding</PageTitle>
      <Stack gap="md">
        <SegmentedControl
          aria-label="Which flags"
          value={status}
          onChange={setStatus}
          data={[
            { value: FlagStatus.OPEN, label: 'Open' },
            { value: FlagStatus.CLOSED, label: 'Closed' },
          ]}
          w="fit-content"
        />
        <section aria-label={status === FlagStatus.OPEN ? 'Open flags' : 'Closed flags'}>
          <QueryState
            loading={loading && !flags}
            error={error}
            onRetry={() => refetch()}
            empty={flags?.totalCount === 0}
            emptyTitle={status === FlagStatus.OPEN ? 'No open flags' : 'No closed flags'}
            emptyText="Responses the rule set or staff flag appear here."
          >
            {flags && (
              <>
                <Stack gap="md">
                  {flags.edges.map(({ node }) => (
                    <FlagCard key={node.id} flag={node} />
                  ))}
                </Stack>
                <Pager connection={flags} pages={pages} pageSize={PAGE_SIZE} label="Flag pages" />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
