import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, DataList, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { formatDateTime } from '../common/labels';
import { errorCode } from '../common/errors';
import { NotFound } from '../common/NotFound';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ConsentLedgerTable } from './ConsentLedgerTable';
import { ContactDetails } from './ContactDetails';
import { DemographicsDetails } from './DemographicsDetails';
import { DownloadParticipantData } from './DownloadParticipantData';
import { EraseParticipant, type ErasureReceipt } from './EraseParticipant';
import { ParticipantConsents } from './ParticipantConsents';
import { ParticipantDetails } from './ParticipantDetails';
import { ParticipantResponses } from './ParticipantResponses';
import { ParticipantDetailQuery } from './participants.graphql';

const backLink = (
  <Anchor component={Link} to="/participants" size="sm">
    All participants
  </Anchor>
);

/** What is left to show once a person is erased: the counts, and nothing about them. */
function ErasedReceipt({ code, receipt }: { code: string; receipt: ErasureReceipt }) {
  return (
    <>
      <PageTitle title="Participant erased">Participant erased</PageTitle>
      <Stack align="flex-start">
        <Alert color="green" role="status" w="100%">
          <Text fw={700} inherit>
            {code} has been erased.
          </Text>
          Erased on {formatDateTime(receipt.erasedAt)}. The audit log keeps an entry with these counts and nothing about
          the person.
        </Alert>
        <Title order={2} size="h3">
          What was deleted
        </Title>
        <DataList labelWidth={180}>
          <DataList.Item>
            <DataList.ItemLabel>Responses deleted</DataList.ItemLabel>
            <DataList.ItemValue>{receipt.responsesDeleted}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Codings deleted</DataList.ItemLabel>
            <DataList.ItemValue>{receipt.codingsDeleted}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Quotes deleted</DataList.ItemLabel>
            <DataList.ItemValue>{receipt.quotesDeleted}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Table w="auto">
          <Table.Caption>Every table the erasure changed</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Table</Table.Th>
              <Table.Th scope="col">Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {receipt.tablesTouched.map((t) => (
              <Table.Tr key={t.table}>
                <Table.Td ff="monospace">{t.table}</Table.Td>
                <Table.Td>{t.rows}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {backLink}
      </Stack>
    </>
  );
}

function ParticipantView({ id, onErased }: { id: string; onErased: (code: string, receipt: ErasureReceipt) => void }) {
  const { can } = useSession();
  const { data, loading, error, refetch } = useQuery(ParticipantDetailQuery, { variables: { id } });
  const participant = data?.participant;
  if (errorCode(error) === 'NOT_FOUND')
    return <NotFound record="participant" backTo="/participants" backLabel="All participants" />;
  return (
    <>
      <PageTitle title={participant ? `Participant ${participant.code}` : 'Participant'}>
        {participant ? (
          <>
            Participant{' '}
            <Text span inherit ff="monospace">
              {participant.code}
            </Text>
          </>
        ) : (
          'Participant'
        )}
      </PageTitle>
      <QueryState loading={loading && !participant} error={error} onRetry={() => refetch()}>
        {participant && data && (
          <Stack gap="xl">
            {backLink}
            <section aria-labelledby="details-heading">
              <Title order={2} size="h3" id="details-heading" mb="sm">
                Details
              </Title>
              <ParticipantDetails participant={participant} />
            </section>
            <ParticipantConsents participant={participant} noticeVersions={data.engagement.noticeVersions} />
            <section aria-labelledby="ledger-heading">
              <Title order={2} size="h3" id="ledger-heading" mb="sm">
                Consent ledger
              </Title>
              <ConsentLedgerTable participant={participant} />
            </section>
            <section aria-labelledby="responses-heading">
              <Title order={2} size="h3" id="responses-heading" mb="sm">
                Responses
              </Title>
              <ParticipantResponses participantId={participant.id} />
            </section>
            {can(Permission.ContactRead) && <ContactDetails participantId={participant.id} />}
            {can(Permission.DemographicsRead) && <DemographicsDetails participantId={participant.id} />}
            {can(Permission.ParticipantExport) && (
              <DownloadParticipantData participantId={participant.id} code={participant.code} />
            )}
            {can(Permission.ParticipantErase) && (
              <EraseParticipant
                participantId={participant.id}
                code={participant.code}
                onErased={(receipt) => onErased(participant.code, receipt)}
              />
            )}
          </Stack>
        )}
      </QueryState>
    </>
  );
}

export default function ParticipantPage() {
  const { id = '' } = useParams();
  const [erased, setErased] = useState<{ id: string; code: string; receipt: ErasureReceipt } | null>(null);
  if (erased?.id === id) return <ErasedReceipt code={erased.code} receipt={erased.receipt} />;
  return <ParticipantView id={id} onErased={(code, receipt) => setErased({ id, code, receipt })} />;
}
