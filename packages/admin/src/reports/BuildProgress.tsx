import { useQuery } from '@apollo/client/react';
import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { formErrors } from '../common/errors';
import { buildState } from './buildProgress';
import { BoardReportProgressQuery } from './reports.graphql';

/** How often a running build is read again. */
export const BUILD_POLL_MS = 1_000;

interface BuildProgressProps {
  version: number;
  /** Called once when the build ends, READY or FAILED, e.g. to read the versions again. */
  onSettled?: () => void;
  pollMs?: number;
}

/**
 * A build's progress bar and stage, read again while the job works and left at its outcome:
 * 100 and what it made, or a clear failure.
 */
export function BuildProgress({ version, onSettled, pollMs = BUILD_POLL_MS }: BuildProgressProps) {
  const { data, error, startPolling, stopPolling } = useQuery(BoardReportProgressQuery, {
    variables: { version },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const report = data?.boardReport ?? null;
  const building = !report || report.status === 'BUILDING';
  useEffect(() => {
    if (!building) return;
    startPolling(pollMs);
    return () => stopPolling();
  }, [building, pollMs, startPolling, stopPolling]);

  // Told once per version, however often it is read after it ended.
  const settled = useRef<number | null>(null);
  useEffect(() => {
    if (!report || report.status === 'BUILDING' || settled.current === version) return;
    settled.current = version;
    onSettled?.();
  }, [report, version, onSettled]);

  if (error && !report) {
    return (
      <Alert color="red" role="alert">
        {formErrors(error).form ?? 'The progress of the build could not be read.'} It goes on; reload to see it.
      </Alert>
    );
  }
  const state = report
    ? buildState(report)
    : { value: 0, text: `Building version ${version}: starting`, done: false, failed: false };
  return (
    <Stack gap={4}>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={`Building version ${version}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={state.value}
        aria-valuetext={state.text}
      >
        <Progress.Section
          value={state.value}
          withAria={false}
          color={state.failed ? 'red' : state.done ? 'green' : undefined}
        />
      </Progress.Root>
      {state.failed ? (
        <Alert color="red" role="alert" title="The build failed">
          {state.text}
        </Alert>
      ) : (
        <Text size="sm" role="status">
          {state.text}
        </Text>
      )}
    </Stack>
  );
}
