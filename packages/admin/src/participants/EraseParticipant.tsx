import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { QueryState } from '../common/QueryState';
import type { EraseParticipantMutation } from '../gql/graphql';
import { normaliseCode } from './participantCode';
import { ParticipantErasureImpactQuery } from './participants.graphql';
import { useEraseParticipant } from './useEraseParticipant';
import { runAsync } from '../common/handle';

export type ErasureReceipt = EraseParticipantMutation['eraseParticipant'];

/** "1 response", "2 codings". */
const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

interface EraseModalProps {
  participantId: string;
  code: string;
  opened: boolean;
  onClose: () => void;
  onErased: (receipt: ErasureReceipt) => void;
}

function EraseForm({ participantId, code, onClose, onErased }: Omit<EraseModalProps, 'opened'>) {
  // Counted now, not when the page loaded: responses may have been added since.
  const impact = useQuery(ParticipantErasureImpactQuery, {
    variables: { id: participantId },
    fetchPolicy: 'network-only',
  });
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState<string>();
  const confirmation = useRef<HTMLInputElement>(null);
  const [erase, { loading, error }] = useEraseParticipant();
  const counts = impact.data?.participant.erasureImpact;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (normaliseCode(typed) !== code) {
      setMismatch(`Type ${code} to confirm`);
      confirmation.current?.focus();
      return;
    }
    setMismatch(undefined);
    try {
      const receipt = await erase(participantId);
      if (receipt) onErased(receipt);
    } catch {
      // shown from `error` below
    }
  };

  return (
    <QueryState loading={impact.loading && !counts} error={impact.error} onRetry={() => impact.refetch()}>
      {counts && (
        <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-label={`Erase ${code}`}>
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {formErrors(error).form ?? 'The participant could not be erased.'}
              </Alert>
            )}
            <Alert color="red">
              This deletes {counted(counts.responses, 'response')}, {counted(counts.codings, 'coding')} and{' '}
              {counted(counts.quotes, 'quote')}. This cannot be undone.
            </Alert>
            <Text size="sm">
              Their consent ledger and demographics go with them. What remains is an audit entry holding these counts
              only.
            </Text>
            <TextInput
              ref={confirmation}
              label={`Type the participant code ${code} to confirm`}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={mismatch}
              autoComplete="off"
              spellCheck={false}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={loading}>
                Erase permanently
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </QueryState>
  );
}

/** The confirmation, showing exactly what will go and asking for the code to be typed. */
export function EraseParticipantModal({ opened, code, onClose, ...form }: EraseModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Erase participant ${code}?`}
      closeButtonProps={{ 'aria-label': 'Close without erasing' }}
    >
      {/* The modal mounts its content only while open: each opening counts afresh and starts with an empty box. */}
      <EraseForm code={code} onClose={onClose} {...form} />
    </Modal>
  );
}

/** The admin-only section that offers erasure. */
export function EraseParticipant(props: Omit<EraseModalProps, 'opened' | 'onClose'>) {
  const [opened, setOpened] = useState(false);
  return (
    <section aria-labelledby="erase-heading">
      <Title order={2} size="h3" id="erase-heading" mb="sm">
        Erase this person
      </Title>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          For an erasure request: deletes the person, their consent ledger, their responses and every coding and quote
          of them, at once.
        </Text>
        <Button color="red.9" variant="outline" onClick={() => setOpened(true)}>
          Erase this person
        </Button>
      </Stack>
      <EraseParticipantModal {...props} opened={opened} onClose={() => setOpened(false)} />
    </section>
  );
}
