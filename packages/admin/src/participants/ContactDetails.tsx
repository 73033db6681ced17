import { useQuery } from '@apollo/client/react';
import { Button, DataList, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { QueryState } from '../common/QueryState';
import { ParticipantContactQuery } from './participants.graphql';

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
  const [shown, setShown] = useState(false);
  return (
    <section aria-labelledby="contact-heading">
      <Title order={2} size="h3" id="contact-heading" mb="sm">
        Contact details
      </Title>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          Every viewing of contact details is recorded in the audit log under your name, so they are fetched only when
          you ask.
        </Text>
        <Button variant="default" onClick={() => setShown((now) => !now)} aria-expanded={shown}>
          {shown ? 'Hide contact details' : 'Show contact details'}
        </Button>
        {shown && <Shown participantId={participantId} />}
      </Stack>
    </section>
  );
}
