import { useQuery } from '@apollo/client/react';
import { DataList } from '@mantine/core';
import { QueryState } from '../common/QueryState';
import { ParticipantContactQuery } from './participants.graphql';
import { RevealOnRequest } from './RevealOnRequest';

function Shown({ participantId }: { participantId: string }) {
  // Straight from the server each time they are shown, so every viewing is in the audit log.
  const { data, loading, error, refetch } = useQuery(ParticipantContactQuery, {
    variables: { id: participantId },
    fetchPolicy: 'network-only',
  });
  const contact = data?.participant.contact;
  return (
    <QueryState
      loading={loading && !data}
      error={error}
      onRetry={() => refetch()}
      empty={data !== undefined && !contact}
      emptyTitle="No contact details"
      emptyText="They did not agree to be contacted again, or withdrew that consent."
    >
      {contact && (
        <DataList labelWidth={160}>
          <DataList.Item>
            <DataList.ItemLabel>Name</DataList.ItemLabel>
            <DataList.ItemValue>{contact.name ?? 'Not given'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Email</DataList.ItemLabel>
            <DataList.ItemValue>{contact.email ?? 'Not given'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Phone</DataList.ItemLabel>
            <DataList.ItemValue>{contact.phone ?? 'Not given'}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
      )}
    </QueryState>
  );
}

/** Contact details, for admins, read only when asked for. */
export function ContactDetails({ participantId }: { participantId: string }) {
  return (
    <RevealOnRequest id="contact" title="Contact details" what="contact details">
      <Shown participantId={participantId} />
    </RevealOnRequest>
  );
}
