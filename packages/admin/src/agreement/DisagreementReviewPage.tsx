import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  MultiSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { themePathLabel } from '../codebook/themeTree';
import { useThemeOptions } from '../codebook/useThemeOptions';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime, LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import type { AgreementReviewQuery as Review } from '../gql/graphql';
import { AgreementReviewQuery } from './agreement.graphql';
import { useSettleAgreementItem } from './useAgreementActions';

const PAGE_SIZE = 10;
type Status = 'UNSETTLED' | 'SETTLED';
type Item = Review['agreementReview']['edges'][number]['node'];

const KIND_LABEL: Record<string, string> = { ORIGINAL: 'First coding', BLIND: 'Blind coding' };

/** The sampled responses whose coders disagree, each coding side by side, for the pair to settle. */
export default function DisagreementReviewPage() {
  const [status, setStatus] = useState<Status>('UNSETTLED');
  const pages = usePages(status);
  const { data, loading, error, refetch } = useQuery(AgreementReviewQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, filter: { status } },
  });
  const review = data?.agreementReview;
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageTitle title="Disagreement review">Disagreement review</PageTitle>
      <Stack>
        <Text size="sm" c="dimmed">
          Responses whose coders coded them differently, once every coder has submitted. Agree the coding together and
          record it: it becomes the response's coding, and every original coding is kept.
        </Text>
        <SegmentedControl
          aria-label="Which disagreements"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setNotice(null);
          }}
          data={[
            { value: 'UNSETTLED', label: 'To settle' },
            { value: 'SETTLED', label: 'Settled' },
          ]}
          w="max-content"
        />
        {notice && <SuccessNotice message={notice} />}
        <QueryState
          loading={loading && !data}
          error={error}
          onRetry={() => refetch()}
          empty={review?.totalCount === 0}
          emptyTitle={status === 'UNSETTLED' ? 'No disagreement to settle' : 'Nothing settled yet'}
          emptyText="Disagreements appear here when the coders of a sampled response have all submitted and differ."
        >
          {review && (
            <>
              <Stack component="ul" aria-label="Disagreements" p={0} m={0} style={{ listStyle: 'none' }}>
                {review.edges.map(({ node }, index) => (
                  <li key={node.id}>
                    <ReviewCard item={node} position={(pages.page - 1) * PAGE_SIZE + index + 1} onSettled={setNotice} />
                  </li>
                ))}
              </Stack>
              <Pager connection={review} pages={pages} pageSize={PAGE_SIZE} label="Disagreement pages" />
            </>
          )}
        </QueryState>
      </Stack>
    </>
  );
}

/** One disagreement; its number in the list tells its codings and its form apart from the other cards'. */
function ReviewCard({
  item,
  position,
  onSettled,
}: {
  item: Item;
  position: number;
  onSettled: (message: string) => void;
}) {
  const headingId = `review-${item.id}`;
  const disagreed = new Set(item.disagreedThemes.map((theme) => theme.id));
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id={headingId}>
          Disagreement {position}: {LABELS.prompt[item.response.prompt]} response
        </Title>
        {item.settledAt && (
          <Text size="sm" c="dimmed">
            Settled {formatDateTime(item.settledAt)}
            {item.settledBy ? ` by ${item.settledBy}` : ''}
          </Text>
        )}
      </Group>
      <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {item.response.text}
      </Text>
      <Group align="flex-start" grow mb="sm">
        {item.codings.map((coding) => (
          <Paper
            key={coding.assignmentId}
            withBorder
            p="sm"
            component="section"
            aria-label={`${KIND_LABEL[coding.kind]} by ${coding.coder ?? 'an import'}, disagreement ${position}`}
          >
            <Text fw={600} size="sm">
              {KIND_LABEL[coding.kind]}: {coding.coder ?? 'imported'}
            </Text>
            {coding.themes.length ? (
              <List size="sm">
                {coding.themes.map((theme) => (
                  <List.Item key={theme.id}>
                    {themePathLabel(theme)}
                    {disagreed.has(theme.id) && (
                      <Badge ml="xs" variant="dot" tt="none" miw="max-content" color="orange">
                        disputed
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">No theme applies</Text>
            )}
          </Paper>
        ))}
      </Group>
      {item.settledAt ? (
        <Text size="sm">
          Settled on: {item.settledThemes.length ? item.settledThemes.map(themePathLabel).join('; ') : 'no theme'}
        </Text>
      ) : (
        <SettleForm item={item} cardHeadingId={headingId} onSettled={onSettled} />
      )}
    </Paper>
  );
}

function SettleForm({
  item,
  cardHeadingId,
  onSettled,
}: {
  item: Item;
  cardHeadingId: string;
  onSettled: (message: string) => void;
}) {
  const themes = useThemeOptions();
  // Starts from what every coder agreed on; the pair add the disputed themes they keep.
  const agreed = item.codings[0]?.themes.filter((theme) => !item.disagreedThemes.some((d) => d.id === theme.id)) ?? [];
  const [themeIds, setThemeIds] = useState<string[]>(agreed.map((theme) => theme.id));
  const [settle, state] = useSettleAgreementItem();
  const errors = formErrors(state.error);
  const themeError =
    errors.fields.themeIds ?? Object.entries(errors.fields).find(([field]) => field.startsWith('themeIds.'))?.[1];
  const labelId = `settle-${item.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await settle(item.id, themeIds);
      onSettled(
        `Settled: the response is now coded to ${themeIds.length} ${themeIds.length === 1 ? 'theme' : 'themes'}.`,
      );
    } catch {
      // shown beside the themes, or above the form
    }
  };

  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby={`${labelId} ${cardHeadingId}`}>
      <Stack gap="xs">
        <Text id={labelId} fw={600} size="sm">
          Settle this disagreement
        </Text>
        {(errors.form ?? errors.fields.itemId) && (
          <Alert color="red" role="alert">
            {errors.form ?? errors.fields.itemId}
          </Alert>
        )}
        <MultiSelect
          label="Agreed themes"
          description="The response's coding once settled; leave empty if no theme applies."
          data={themes.options}
          value={themeIds}
          onChange={setThemeIds}
          error={themeError}
          searchable
          clearable
          disabled={themes.loading}
          placeholder={themes.loading ? 'Loading themes…' : 'Choose themes'}
          nothingFoundMessage="No theme matches"
        />
        <Group>
          <Button type="submit" loading={state.loading}>
            Settle
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
