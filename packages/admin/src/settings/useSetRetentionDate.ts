import { useMutation } from '@apollo/client/react';
import { EngagementSettingsQuery, SetRetentionDateMutation } from './settings.graphql';

/** Sets (or with null clears) the engagement's retention date; resolves once the page shows it. */
export function useSetRetentionDate() {
  const [mutate, state] = useMutation(SetRetentionDateMutation, {
    refetchQueries: [EngagementSettingsQuery],
    awaitRefetchQueries: true,
  });
  const set = async (retentionDate: string | null) => {
    const { data } = await mutate({ variables: { retentionDate } });
    return data?.setRetentionDate;
  };
  return [set, state] as const;
}
