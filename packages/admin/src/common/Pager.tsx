import { Button, Group, Text } from '@mantine/core';

interface PagerProps {
  /** Items across all pages. */
  totalCount: number;
  /** 1-based page being shown. */
  page: number;
  pageSize: number;
  hasNextPage: boolean;
  onNext: () => void;
  onPrevious: () => void;
  /** Names the pager when a page has several (e.g. "Participants pages"). */
  label?: string;
}

/** Next/previous over a Relay connection, with where the reader is. */
export function Pager({ totalCount, page, pageSize, hasNextPage, onNext, onPrevious, label = 'Pages' }: PagerProps) {
  const first = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, totalCount);
  return (
    <Group justify="space-between" mt="md" component="nav" aria-label={label}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {first}–{last} of {totalCount}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={onPrevious} disabled={page === 1}>
          Previous page
        </Button>
        <Button variant="default" size="xs" onClick={onNext} disabled={!hasNextPage}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
