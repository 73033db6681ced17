import { useMutation } from '@apollo/client/react';
import type { ReleaseFrequency } from '../gql/graphql';
import { ReleaseRunsQuery, ReleaseScheduleQuery, SetReleaseScheduleMutation } from './releases.graphql';

export interface ScheduleInput {
  frequency: ReleaseFrequency;
  time: string | null;
  weekday: number | null;
}

/** Sets the release schedule; resolves once the panel shows the new one and its next due time. */
export function useSetReleaseSchedule() {
  const [mutate, state] = useMutation(SetReleaseScheduleMutation, {
    refetchQueries: [ReleaseScheduleQuery, ReleaseRunsQuery],
    awaitRefetchQueries: true,
  });
  const set = async (input: ScheduleInput) => (await mutate({ variables: input })).data?.setReleaseSchedule;
  return [set, state] as const;
}
