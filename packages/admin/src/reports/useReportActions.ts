import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { ReportSection } from '../gql/graphql';
import {
  BoardReportsQuery,
  BuildReportMutation,
  PublishReportMutation,
  ReportNarrativesQuery,
  SetReportNarrativeMutation,
} from './reports.graphql';

/** Asks for a new version built from a published release; it comes back BUILDING and joins the history. */
export function useBuildReport() {
  const [mutate, state] = useMutation(BuildReportMutation, {
    refetchQueries: [BoardReportsQuery],
    awaitRefetchQueries: true,
  });
  const build = useCallback(
    async (releaseVersion: number) => (await mutate({ variables: { releaseVersion } })).data?.buildReport,
    [mutate],
  );
  return [build, state] as const;
}

/** Publishes a READY version to council keys. */
export function usePublishReport() {
  const [mutate, state] = useMutation(PublishReportMutation, {
    refetchQueries: [BoardReportsQuery],
    awaitRefetchQueries: true,
  });
  const publish = useCallback(
    async (version: number) => (await mutate({ variables: { version } })).data?.publishReport,
    [mutate],
  );
  return [publish, state] as const;
}

/** Saves one section's narrative; the next build takes it. */
export function useSetReportNarrative() {
  const [mutate, state] = useMutation(SetReportNarrativeMutation, {
    refetchQueries: [ReportNarrativesQuery],
    awaitRefetchQueries: true,
  });
  const save = useCallback(
    async (section: ReportSection, markdown: string) =>
      (await mutate({ variables: { section, markdown } })).data?.setReportNarrative,
    [mutate],
  );
  return [save, state] as const;
}
