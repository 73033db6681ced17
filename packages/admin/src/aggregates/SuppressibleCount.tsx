import { Text, VisuallyHidden } from '@mantine/core';

/**
 * A released count, or the word "Suppressed" where the figure was withheld. The word carries the
 * meaning (not colour or an icon), and screen readers hear why.
 */
export function SuppressibleCount({ value, threshold }: { value: number | null; threshold: number }) {
  if (value !== null) return <>{value.toLocaleString('en-GB')}</>;
  return (
    <Text span inherit fs="italic">
      Suppressed
      <VisuallyHidden>: withheld because the figures fall below {threshold}</VisuallyHidden>
    </Text>
  );
}
