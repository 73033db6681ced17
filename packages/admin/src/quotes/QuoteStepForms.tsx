import { Alert, Button, Checkbox, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import type { QuoteAttribute, QuoteDetailQuery } from '../gql/graphql';
import { useApproveQuote, useCheckQuoteConsent, useDeidentifyQuote, useRejectQuote } from './useQuoteSteps';

/** A quote as its page reads it. */
export type QuoteDetail = NonNullable<QuoteDetailQuery['quote']>;

/** What each step's form needs: the quote, and where to say it is done. */
interface StepProps {
  quote: Pick<QuoteDetail, 'id' | 'excerpt' | 'publishedText' | 'describedBy' | 'attributedName'> & {
    consent: Pick<QuoteDetail['consent'], 'groupNotes' | 'named'>;
    descriptionCheck: Pick<QuoteDetail['descriptionCheck'], 'belowThreshold'>;
  };
  onDone: (notice: string) => void;
}

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

export function CheckConsentForm({ quote, onDone }: StepProps) {
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

export function DeidentifyForm({ quote, onDone }: StepProps) {
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

export function ApproveForm({ quote, onDone }: StepProps) {
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

export function RejectForm({ quote, onDone }: StepProps) {
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
