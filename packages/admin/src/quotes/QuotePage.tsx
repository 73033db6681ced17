import { useQuery } from '@apollo/client/react';
import { Permission } from '@chorus/shared';
import { Alert, Anchor, Blockquote, DataList, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { formatDateTime, LABELS } from '../common/labels';
import { errorCode } from '../common/errors';
import { NotFound } from '../common/NotFound';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { QuoteDetailQuery } from './quotes.graphql';
import { STATUS_LABELS } from './quoteSteps';
import { QuoteStatusBadge } from './QuoteStatusBadge';
import { ApproveForm, CheckConsentForm, DeidentifyForm, RejectForm, type QuoteDetail } from './QuoteStepForms';

function ConsentState({ quote }: { quote: QuoteDetail }) {
  const { consent } = quote;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="consent-heading">
      <Title order={2} size="h4" mb="xs" id="consent-heading">
        Consent
      </Title>
      <DataList labelWidth={220}>
        <DataList.Item>
          <DataList.ItemLabel>To be quoted</DataList.ItemLabel>
          <DataList.ItemValue>
            {consent.groupNotes
              ? consent.quote
                ? 'Group notes: the session facilitator confirmed the group agreed'
                : 'Group notes: a facilitator of the session must confirm the group agreed'
              : consent.quote
                ? 'Stands'
                : 'Does not stand: this quote cannot be published'}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>To be named with the quote</DataList.ItemLabel>
          <DataList.ItemValue>
            {consent.named ? 'Agreed' : 'Not agreed: attributed only by a description'}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Paper>
  );
}

function DescriptionCheck({ quote }: { quote: QuoteDetail }) {
  if (!quote.description) return null;
  const { threshold, belowThreshold } = quote.descriptionCheck;
  return belowThreshold ? (
    <Alert color="red" title="This description may single someone out" role="status">
      Fewer than {threshold} participants of the engagement are {quote.description}. A motivated intruder who knows them
      could tell who said this. Describe them by fewer attributes, or accept the risk when approving.
    </Alert>
  ) : (
    <Text size="sm">
      At least {threshold} participants of the engagement are {quote.description}: the description does not single
      anyone out.
    </Text>
  );
}

function Steps({ quote }: { quote: QuoteDetail }) {
  const { can } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const open = ['CANDIDATE', 'CONSENT_CHECKED', 'DEIDENTIFIED'].includes(quote.status);
  const forms = [
    quote.status === 'CANDIDATE' && can(Permission.QuoteConsentCheck) && (
      <CheckConsentForm key="check" quote={quote} onDone={setNotice} />
    ),
    ['CONSENT_CHECKED', 'DEIDENTIFIED'].includes(quote.status) && can(Permission.QuoteEdit) && (
      <DeidentifyForm key={`deidentify-${quote.publishedText ?? ''}`} quote={quote} onDone={setNotice} />
    ),
    quote.status === 'DEIDENTIFIED' && can(Permission.QuoteApprove) && (
      <ApproveForm key="approve" quote={quote} onDone={setNotice} />
    ),
    open && can(Permission.QuoteApprove) && <RejectForm key="reject" quote={quote} onDone={setNotice} />,
  ].filter(Boolean);
  if (!forms.length && !notice) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Next steps">
      <Stack gap="xl">
        {notice && <SuccessNotice message={notice} />}
        {forms}
      </Stack>
    </Paper>
  );
}

function History({ quote }: { quote: QuoteDetail }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-heading">
      <Title order={2} size="h4" mb="xs" id="history-heading">
        History and uses
      </Title>
      <Table>
        <Table.Caption>Every step, oldest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Step</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.transitions.map((step) => (
            <Table.Tr key={`${step.at}-${step.toStatus}`}>
              <Table.Td>{STATUS_LABELS[step.toStatus]}</Table.Td>
              <Table.Td>{formatDateTime(step.at)}</Table.Td>
              <Table.Td>{step.reason ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="md">
        {quote.uses.totalCount
          ? `Used ${quote.uses.totalCount} ${quote.uses.totalCount === 1 ? 'time' : 'times'}: ${quote.uses.edges
              .map(
                ({ node: use }) =>
                  `${use.kind === 'RELEASE' ? `in release ${use.releaseVersion}` : `exported (${use.format}) from release ${use.releaseVersion}`}, ${formatDateTime(use.at)}`,
              )
              .join('; ')}${quote.uses.totalCount > quote.uses.edges.length ? '; …' : ''}`
          : 'Not used in any release or export yet.'}
      </Text>
    </Paper>
  );
}

export default function QuotePage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(QuoteDetailQuery, { variables: { id } });
  const quote = data?.quote;
  if (errorCode(error) === 'NOT_FOUND') return <NotFound record="quote" backTo="/quotes" backLabel="All quotes" />;
  return (
    <>
      <PageTitle title="Quote">Quote</PageTitle>
      <Anchor component={Link} to="/quotes" size="sm">
        All quotes
      </Anchor>
      <QueryState loading={loading && !quote} error={error} onRetry={() => refetch()}>
        {quote && (
          <Stack mt="md">
            <Group>
              <QuoteStatusBadge status={quote.status} size="lg" />
              {quote.response && (
                <Text size="sm">
                  {LABELS.prompt[quote.response.prompt]} · heard at{' '}
                  <Anchor component={Link} to={`/sessions/${quote.response.session.id}`} inherit>
                    {quote.response.session.title}
                  </Anchor>{' '}
                  ·{' '}
                  <Anchor component={Link} to={`/responses/${quote.response.id}`} inherit>
                    Response page
                  </Anchor>
                </Text>
              )}
            </Group>
            <Paper withBorder p="md" component="section" aria-labelledby="passage-heading">
              <Title order={2} size="h4" mb="xs" id="passage-heading">
                The passage
              </Title>
              <Blockquote p="sm">{quote.excerpt}</Blockquote>
              {quote.publishedText && (
                <>
                  <Title order={3} size="h5" mt="md" mb="xs">
                    As published
                  </Title>
                  <Blockquote p="sm" cite={`— ${quote.attribution}`}>
                    {quote.publishedText}
                  </Blockquote>
                </>
              )}
            </Paper>
            <ConsentState quote={quote} />
            <DescriptionCheck quote={quote} />
            <Steps quote={quote} />
            <History quote={quote} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
