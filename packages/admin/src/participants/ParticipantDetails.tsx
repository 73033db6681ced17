import { Anchor, DataList } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ParticipantDetailsFragment = graphql(`
  fragment ParticipantDetails on Participant {
    id
    code
    connections
    ageBand
    createdAt
    area {
      id
      name
    }
    session {
      id
      title
      startsAt
    }
  }
`);

/** Who the person is, as far as Chorus knows: pseudonymous facts only. */
export function ParticipantDetails({ participant }: { participant: FragmentType<typeof ParticipantDetailsFragment> }) {
  const person = getFragmentData(ParticipantDetailsFragment, participant);
  return (
    <DataList labelWidth={160}>
      <DataList.Item>
        <DataList.ItemLabel>Code</DataList.ItemLabel>
        <DataList.ItemValue ff="monospace">{person.code}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Connection to the city</DataList.ItemLabel>
        <DataList.ItemValue>{person.connections.map((c) => LABELS.connection[c]).join(', ')}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Area</DataList.ItemLabel>
        <DataList.ItemValue>{person.area?.name ?? 'Not given'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Age band</DataList.ItemLabel>
        <DataList.ItemValue>{person.ageBand ? LABELS.ageBand[person.ageBand] : 'Not given'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Registered at</DataList.ItemLabel>
        <DataList.ItemValue>
          {person.session ? (
            <Anchor component={Link} to={`/sessions/${person.session.id}`} inherit>
              {person.session.title}
            </Anchor>
          ) : (
            'Not at a session'
          )}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Registered on</DataList.ItemLabel>
        <DataList.ItemValue>{formatDateTime(person.createdAt)}</DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
