import { DataList, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { SessionStatusBadge } from './SessionStatusBadge';

export const SessionDetailsFragment = graphql(`
  fragment SessionDetails on Session {
    id
    format
    status
    startsAt
    endsAt
    venue
    audience
    headcount
    responseCount
    participantCount
    area {
      id
      name
    }
    organisation {
      id
      name
    }
    facilitators @include(if: $withFacilitators) {
      id
      displayName
    }
  }
`);

const londonTime = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/London' });

/** "7 Sept 2026, 18:00 to 20:00", naming the end's day only when it differs. */
function when(startsAt: string, endsAt: string | null): string {
  const start = formatDateTime(startsAt);
  if (!endsAt) return start;
  const sameDay = formatDate(startsAt) === formatDate(endsAt);
  return `${start} to ${sameDay ? londonTime.format(new Date(endsAt)) : formatDateTime(endsAt)}`;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function SessionDetails({ session }: { session: FragmentType<typeof SessionDetailsFragment> }) {
  const details = getFragmentData(SessionDetailsFragment, session);
  return (
    <Paper withBorder p="md">
      <DataList labelWidth={140} withDivider>
        <Item label="Format">{LABELS.format[details.format]}</Item>
        <Item label="Status">
          <SessionStatusBadge session={details} />
        </Item>
        <Item label="When">{when(details.startsAt, details.endsAt)}</Item>
        <Item label="Area">{details.area?.name ?? 'Not given'}</Item>
        <Item label="Venue">{details.venue ?? 'Not given'}</Item>
        <Item label="Audience">{details.audience ?? 'Not given'}</Item>
        <Item label="Organisation">{details.organisation?.name ?? 'Staff-run'}</Item>
        {details.facilitators && (
          <Item label="Facilitators">
            {details.facilitators.map((user) => user.displayName).join(', ') || 'None assigned'}
          </Item>
        )}
        <Item label="Headcount">{details.headcount ?? 'Not recorded'}</Item>
        <Item label="Responses">{details.responseCount}</Item>
        <Item label="Participants">{details.participantCount}</Item>
      </DataList>
    </Paper>
  );
}
