import { DISABILITY_LABELS, ETHNIC_GROUPS, ETHNICITY_LABELS, RELIGION_LABELS } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { DataList } from '@mantine/core';
import { QueryState } from '../common/QueryState';
import { ParticipantDemographicsQuery } from './participants.graphql';
import { RevealOnRequest } from './RevealOnRequest';

function Shown({ participantId }: { participantId: string }) {
  // Straight from the server each time, so every viewing is in the audit log.
  const { data, loading, error, refetch } = useQuery(ParticipantDemographicsQuery, {
    variables: { id: participantId },
    fetchPolicy: 'network-only',
  });
  const answers = data?.participant.demographics;
  const disabled = answers?.equalityActDisabled;
  return (
    <QueryState
      loading={loading && !data}
      error={error}
      onRetry={() => refetch()}
      empty={data !== undefined && !answers}
      emptyTitle="No ethnicity, religion or disability answers"
      emptyText="They gave none, did not consent to special category data being kept, or withdrew that consent."
    >
      {answers && (
        <DataList labelWidth={200}>
          <DataList.Item>
            <DataList.ItemLabel>Ethnic group</DataList.ItemLabel>
            <DataList.ItemValue>
              {answers.ethnicity
                ? [answers.ethnicGroup && ETHNIC_GROUPS[answers.ethnicGroup].label, ETHNICITY_LABELS[answers.ethnicity]]
                    .filter(Boolean)
                    .join(': ')
                : 'Not given'}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Religion</DataList.ItemLabel>
            <DataList.ItemValue>
              {answers.religion ? RELIGION_LABELS[answers.religion] : 'Not given'}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Disability</DataList.ItemLabel>
            <DataList.ItemValue>
              {answers.disability ? DISABILITY_LABELS[answers.disability] : 'Not given'}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Disabled (Equality Act 2010)</DataList.ItemLabel>
            <DataList.ItemValue>
              {disabled === null || disabled === undefined ? 'Not known' : disabled ? 'Yes' : 'No'}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      )}
    </QueryState>
  );
}

/** Special category answers, for roles with demographics.read, read only when asked for. */
export function DemographicsDetails({ participantId }: { participantId: string }) {
  return (
    <RevealOnRequest id="demographics" title="Ethnicity, religion and disability" what="special category answers">
      <Shown participantId={participantId} />
    </RevealOnRequest>
  );
}
