import { Table } from '@mantine/core';
import { formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ParticipantConsentLedgerFragment = graphql(`
  fragment ParticipantConsentLedger on Participant {
    id
    consentLedger {
      id
      purpose
      granted
      isWithdrawal
      method
      noticeVersion
      recordedAt
      recordedBy
    }
  }
`);

function entryKind(entry: { granted: boolean; isWithdrawal: boolean }): string {
  if (entry.isWithdrawal) return 'Withdrawal';
  return entry.granted ? 'Granted' : 'Refused';
}

/** Every consent entry, oldest first: the ledger is append-only, so this is the person's whole history. */
export function ConsentLedgerTable({
  participant,
}: {
  participant: FragmentType<typeof ParticipantConsentLedgerFragment>;
}) {
  const { consentLedger } = getFragmentData(ParticipantConsentLedgerFragment, participant);
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table striped>
        <Table.Caption>Every consent entry, oldest first; a withdrawal is a new entry, never an edit</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Recorded</Table.Th>
            <Table.Th scope="col">Purpose</Table.Th>
            <Table.Th scope="col">Entry</Table.Th>
            <Table.Th scope="col">Method</Table.Th>
            <Table.Th scope="col">Notice</Table.Th>
            <Table.Th scope="col">Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consentLedger.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{formatDateTime(entry.recordedAt)}</Table.Td>
              <Table.Td>{LABELS.purpose[entry.purpose]}</Table.Td>
              <Table.Td fw={entry.isWithdrawal ? 600 : undefined}>{entryKind(entry)}</Table.Td>
              <Table.Td>{entry.method ? LABELS.method[entry.method] : '—'}</Table.Td>
              <Table.Td>{entry.noticeVersion ?? '—'}</Table.Td>
              <Table.Td>{entry.recordedBy ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
