import { Button, Group, Text } from '@mantine/core';
import type { usePages } from './usePages';

interface PagerProps {
  /** The page of a Relay connection being shown. */
  connection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  pages: ReturnType<typeof usePages>;
  pageSize: number;
  /** Names the pager by what it pages (e.g. "Participant pages"): a page with two needs them told apart. */
  label: string;
}

/** Next/previous over a Relay connection, with where the reader is. */
export function Pager({ connection, pages, pageSize, label }: PagerProps) {
  const { totalCount, pageInfo } = connection;
  const first = totalCount === 0 ? 0 : (pages.page - 1) * pageSize + 1;
  const last = Math.min(pages.page * pageSize, totalCount);
  return (
    <Group justify="space-between" mt="md" component="nav" aria-label={label}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {first}–{last} of {totalCount}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={pages.previous} disabled={pages.page === 1}>
          Previous page
        </Button>
        <Button
          variant="default"
          size="xs"
          onClick={() => pages.next(pageInfo.endCursor)}
          disabled={!pageInfo.hasNextPage}
        >
          Next page
        </Button>
      </Group>
    </Group>
  );
}
