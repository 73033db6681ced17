import { ConsentPurpose, Permission } from '@chorus/shared';
import { Box, Button, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/useSession';
import { formatDateTime, LABELS } from '../common/labels';
import { SuccessNotice } from '../common/SuccessNotice';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { consentEffect, consentRows } from './consentEffects';
import { RecordConsentModal } from './RecordConsentModal';
import { WithdrawConsentModal } from './WithdrawConsentModal';

export const ParticipantConsentsFragment = graphql(`
  fragment ParticipantConsents on Participant {
    id
    code
    consents {
      purpose
      granted
      method
      noticeVersion
      recordedAt
      withdrawnAt
    }
  }
`);

/** Consent per purpose as it stands now, with withdrawal and later decisions for fieldwork roles. */
export function ParticipantConsents({
  participant,
  noticeVersions,
}: {
  participant: FragmentType<typeof ParticipantConsentsFragment>;
  noticeVersions: string[];
}) {
  const person = getFragmentData(ParticipantConsentsFragment, participant);
  const { can } = useSession();
  const mayChange = can(Permission.ConsentRecord);
  const [withdrawing, setWithdrawing] = useState<ConsentPurpose | null>(null);
  const [recording, setRecording] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const withdrawn = (purpose: ConsentPurpose) => {
    setWithdrawing(null);
    setDone(
      purpose === ConsentPurpose.PARTICIPATION
        ? 'Participation withdrawn. Their responses, codings and quotes have been deleted, and no other consent stands.'
        : `${LABELS.purpose[purpose]}: withdrawn. ${consentEffect({ purpose, granted: false, withdrawnAt: 'now' })}`,
    );
  };

  return (
    <section aria-labelledby="consent-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="consent-heading">
          Consent
        </Title>
        {mayChange && (
          <Button variant="light" onClick={() => setRecording(true)}>
            Record consent
          </Button>
        )}
      </Group>
      {done && (
        <Box mb="sm">
          <SuccessNotice message={done} />
        </Box>
      )}
      {person.consents.length === 0 ? (
        <Text size="sm">No consent decisions are recorded.</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table>
            <Table.Caption>Consent as it stands now, one row per purpose</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Decision</Table.Th>
                <Table.Th scope="col">What it means</Table.Th>
                <Table.Th scope="col">Method</Table.Th>
                <Table.Th scope="col">Notice</Table.Th>
                <Table.Th scope="col">Recorded</Table.Th>
                {mayChange && (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consentRows(person.consents).map(({ purpose, consent, decision, effect, standing }) => (
                <Table.Tr key={purpose}>
                  <Table.Th scope="row" fw={500}>
                    {LABELS.purpose[purpose]}
                  </Table.Th>
                  <Table.Td>{decision}</Table.Td>
                  <Table.Td>{effect}</Table.Td>
                  <Table.Td>{consent?.method ? LABELS.method[consent.method] : '—'}</Table.Td>
                  <Table.Td>{consent?.noticeVersion ?? '—'}</Table.Td>
                  <Table.Td>{consent ? formatDateTime(consent.recordedAt) : '—'}</Table.Td>
                  {mayChange && (
                    <Table.Td>
                      {standing && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setWithdrawing(purpose)}
                          aria-label={`Withdraw: ${LABELS.purpose[purpose]}`}
                        >
                          Withdraw
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayChange && (
        <>
          <WithdrawConsentModal
            participantId={person.id}
            code={person.code}
            purpose={withdrawing}
            onClose={() => setWithdrawing(null)}
            onWithdrawn={withdrawn}
          />
          <RecordConsentModal
            participantId={person.id}
            code={person.code}
            opened={recording}
            noticeVersions={noticeVersions}
            onClose={() => setRecording(false)}
            onRecorded={(summary) => {
              setRecording(false);
              setDone(`Recorded. ${summary}`);
            }}
          />
        </>
      )}
    </section>
  );
}
