import { ConsentPurpose } from '@chorus/shared';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { LABELS } from '../common/labels';
import { useWithdrawConsent } from './useWithdrawConsent';
import { runAsync } from '../common/handle';

/** What each withdrawal does besides adding to the ledger. */
const CONSEQUENCE: Partial<Record<ConsentPurpose, string>> = {
  [ConsentPurpose.PARTICIPATION]:
    'All of their responses, codings and quotes are deleted at once, with their area, age band, contact details and sensitive demographics; their other consents end with it. This cannot be undone.',
  [ConsentPurpose.QUOTE]:
    'Every quote of their words is withdrawn at once: it leaves every release, the quotes export and the board reports (versions built earlier are drawn again without it, and say so). Copies already downloaded or printed cannot be recalled.',
  [ConsentPurpose.ATTRIBUTION]: 'Their quotes are no longer published with their name, only with a description.',
  [ConsentPurpose.FOLLOW_UP_CONTACT]: 'Their contact details are deleted at once.',
};

interface WithdrawConsentModalProps {
  participantId: string;
  code: string;
  /** The consent to withdraw; the modal is closed while null. */
  purpose: ConsentPurpose | null;
  onClose: () => void;
  onWithdrawn: (purpose: ConsentPurpose) => void;
}

export function WithdrawConsentModal({
  participantId,
  code,
  purpose,
  onClose,
  onWithdrawn,
}: WithdrawConsentModalProps) {
  const [withdraw, { loading, error, reset }] = useWithdrawConsent();
  // The purpose stays named while the modal fades out after closing.
  const [shown, setShown] = useState(purpose);
  if (purpose && purpose !== shown) setShown(purpose);
  const close = () => {
    reset();
    onClose();
  };
  const confirm = async () => {
    if (!purpose) return;
    try {
      await withdraw(participantId, purpose);
      reset();
      onWithdrawn(purpose);
    } catch {
      // shown from `error` below
    }
  };
  const consequence = shown && CONSEQUENCE[shown];
  const problem = formErrors(error);

  return (
    <Modal
      opened={purpose !== null}
      onClose={close}
      closeButtonProps={{ 'aria-label': 'Close without withdrawing' }}
      title={shown && `Withdraw “${LABELS.purpose[shown]}” for ${code}?`}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {problem.form ?? Object.values(problem.fields)[0]}
          </Alert>
        )}
        <Text size="sm">
          The withdrawal is added to the consent ledger as a new entry; earlier entries are kept as they were.
        </Text>
        {consequence && (
          <Alert
            color={shown === ConsentPurpose.PARTICIPATION ? 'red' : 'yellow'}
            title={shown === ConsentPurpose.PARTICIPATION ? 'Their responses will be deleted' : undefined}
          >
            {consequence}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => runAsync(confirm())} loading={loading}>
            Withdraw consent
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
