import { useQuery } from '@apollo/client/react';
import { Permission } from '@chorus/shared';
import {
  Alert,
  Anchor,
  Blockquote,
  Button,
  Checkbox,
  DataList,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { formatDateTime, LABELS } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import type { QuoteAttribute, QuoteDetailQuery as QuoteDetail } from '../gql/graphql';
import { QuoteDetailQuery } from './quotes.graphql';
import { STATUS_LABELS } from './quoteSteps';
import { QuoteStatusBadge } from './QuoteStatusBadge';
import { useApproveQuote, useCheckQuoteConsent, useDeidentifyQuote, useRejectQuote } from './useQuoteSteps';

type Quote = NonNullable<QuoteDetail['quote']>;

const ATTRIBUTES: { value: QuoteAttribute; label: string }[] = [
  { value: 'AGE_BAND', label: 'Age band' },
  { value: 'CONNECTION', label: 'Connection to the city' },
  { value: 'AREA', label: 'Area' },
];

function Alerted({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

function ConsentState({ quote }: { quote: Quote }) {
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

function DescriptionCheck({ quote }: { quote: Quote }) {
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

function CheckConsentForm({ quote, onDone }: { quote: Quote; onDone: (notice: string) => void }) {
  const [check, checking] = useCheckQuoteConsent();
  const [agreed, setAgreed] = useState(false);
  const errors = formErrors(checking.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await check(quote.id, quote.consent.groupNotes ? agreed : null);
      onDone('Consent checked. Prepare the published copy next.');
    } catch {
      // shown below
    }
  };
  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="check-heading">
      <Stack>
        <Title order={2} size="h4" id="check-heading">
          Check consent
        </Title>
        <Alerted message={messageAboveForm(errors, ['groupAgreed'])} />
        {quote.consent.groupNotes && (
          <Checkbox
            label="The group agreed to be quoted (I facilitated this session)"
            checked={agreed}
            onChange={(event) => setAgreed(event.currentTarget.checked)}
            error={errors.fields.groupAgreed}
          />
        )}
        <Group>
          <Button type="submit" loading={checking.loading}>
            Check consent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeidentifyForm({ quote, onDone }: { quote: Quote; onDone: (notice: string) => void }) {
  const [deidentify, saving] = useDeidentifyQuote();
  const [text, setText] = useState(quote.publishedText ?? quote.excerpt);
  const [describeBy, setDescribeBy] = useState<string[]>(
    quote.publishedText ? quote.describedBy : ATTRIBUTES.map((a) => a.value),
  );
  const [name, setName] = useState(quote.attributedName ?? '');
  const errors = formErrors(saving.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await deidentify({
        id: quote.id,
        publishedText: text,
        describeBy: describeBy as QuoteAttribute[],
        attributedName: quote.consent.named && name.trim() ? name : null,
      });
      onDone('Published copy saved.');
    } catch {
      // shown beside the fields
    }
  };
  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="deidentify-heading">
      <Stack>
        <Title order={2} size="h4" id="deidentify-heading">
          Published copy
        </Title>
        <Alerted message={messageAboveForm(errors, ['publishedText', 'describeBy', 'attributedName'])} />
        <Textarea
          label="Published text"
          description="Leave words out and mark each cut […]; any word you change or add goes in [square brackets]."
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.fields.publishedText}
          autosize
          minRows={3}
        />
        <Checkbox.Group
          label="Describe the speaker by"
          description="Fewer attributes describe more people."
          value={describeBy}
          onChange={setDescribeBy}
          error={errors.fields.describeBy}
        >
          <Group mt="xs">
            {ATTRIBUTES.map((attribute) => (
              <Checkbox key={attribute.value} value={attribute.value} label={attribute.label} />
            ))}
          </Group>
        </Checkbox.Group>
        {quote.consent.named && (
          <TextInput
            label="Name to attribute it to"
            description="They agreed to be named; leave empty to use the description."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fields.attributedName}
            autoComplete="off"
          />
        )}
        <Group>
          <Button type="submit" loading={saving.loading}>
            Save published copy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ApproveForm({ quote, onDone }: { quote: Quote; onDone: (notice: string) => void }) {
  const [approve, approving] = useApproveQuote();
  const [accepted, setAccepted] = useState(false);
  const errors = formErrors(approving.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await approve(quote.id, accepted);
      onDone('Quote approved: the next release includes it.');
    } catch {
      // shown below
    }
  };
  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="approve-heading">
      <Stack>
        <Title order={2} size="h4" id="approve-heading">
          Approve
        </Title>
        <Alerted message={messageAboveForm(errors, ['acceptDescriptionRisk'])} />
        {quote.descriptionCheck.belowThreshold && (
          <Checkbox
            label="Approve this description anyway: I accept the risk that it singles someone out"
            checked={accepted}
            onChange={(event) => setAccepted(event.currentTarget.checked)}
            error={errors.fields.acceptDescriptionRisk}
          />
        )}
        <Group>
          <Button type="submit" loading={approving.loading}>
            Approve quote
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RejectForm({ quote, onDone }: { quote: Quote; onDone: (notice: string) => void }) {
  const [reject, rejecting] = useRejectQuote();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const errors = formErrors(rejecting.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Say why it is rejected');
    setProblem(undefined);
    try {
      await reject(quote.id, reason);
      onDone('Quote rejected.');
    } catch {
      // shown beside the field
    }
  };
  return (
    <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="reject-heading">
      <Stack>
        <Title order={2} size="h4" id="reject-heading">
          Reject
        </Title>
        <Alerted message={messageAboveForm(errors, ['reason'])} />
        <Textarea
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problem ?? errors.fields.reason}
          autosize
          minRows={2}
        />
        <Group>
          <Button type="submit" variant="default" loading={rejecting.loading}>
            Reject quote
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Steps({ quote }: { quote: Quote }) {
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

function History({ quote }: { quote: Quote }) {
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
