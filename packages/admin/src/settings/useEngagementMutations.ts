import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { getFragmentData } from '../gql';
import type { UpdateEngagementInput } from '../gql/graphql';
import {
  AddNoticeVersionMutation,
  EngagementDetailsFragment,
  SetSuppressionThresholdMutation,
  UpdateEngagementMutation,
} from './settings.graphql';

// Each returns the saved engagement; Apollo's cache (by id) updates the page from it.

/** Renames the engagement or moves its listening period. */
export function useUpdateEngagement() {
  const [mutate, state] = useMutation(UpdateEngagementMutation);
  const run = useCallback(
    async (input: UpdateEngagementInput) => {
      const { data } = await mutate({ variables: { input } });
      return data ? getFragmentData(EngagementDetailsFragment, data.updateEngagement) : undefined;
    },
    [mutate],
  );
  return [run, state] as const;
}

/** Adds a privacy-notice version, which becomes the current one. */
export function useAddNoticeVersion() {
  const [mutate, state] = useMutation(AddNoticeVersionMutation);
  const run = useCallback(
    async (version: string) => {
      const { data } = await mutate({ variables: { version } });
      return data ? getFragmentData(EngagementDetailsFragment, data.addNoticeVersion) : undefined;
    },
    [mutate],
  );
  return [run, state] as const;
}

/** Changes the smallest figure an aggregate releases. */
export function useSetSuppressionThreshold() {
  const [mutate, state] = useMutation(SetSuppressionThresholdMutation);
  const run = useCallback(
    async (threshold: number) => {
      const { data } = await mutate({ variables: { threshold } });
      return data ? getFragmentData(EngagementDetailsFragment, data.setSuppressionThreshold) : undefined;
    },
    [mutate],
  );
  return [run, state] as const;
}
