import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formErrors } from './errors';

interface QueryStateProps {
  loading: boolean;
  error?: unknown;
  /** True when the query answered with nothing to show. */
  empty?: boolean;
  emptyTitle?: string;
  emptyText?: ReactNode;
  /** Runs the query again; a failed retry shows as `error` once more. */
  onRetry?: () => unknown;
  children: ReactNode;
}

/** The three states every screen has besides its content: loading, failed, empty. */
export function QueryState({
  loading,
  error,
  empty,
  emptyTitle = 'Nothing here yet',
  emptyText,
  onRetry,
  children,
}: QueryStateProps) {
  if (error) {
    return (
      <Alert color="red" title="This could not be loaded" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{formErrors(error).form ?? 'Check the details and try again.'}</Text>
          {onRetry && (
            <Button
              size="xs"
              variant="light"
              color="red"
              onClick={() => {
                // A failed retry comes back as this component's `error`; nothing else to report.
                Promise.resolve(onRetry()).catch(() => {});
              }}
            >
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  if (loading) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text ml="sm" c="dimmed" size="sm">
          Loading…
        </Text>
      </Center>
    );
  }
  if (empty) {
    return (
      <Stack align="center" py="xl" gap={4}>
        <Text fw={600}>{emptyTitle}</Text>
        {emptyText && (
          <Text c="dimmed" size="sm" ta="center">
            {emptyText}
          </Text>
        )}
      </Stack>
    );
  }
  return <>{children}</>;
}
