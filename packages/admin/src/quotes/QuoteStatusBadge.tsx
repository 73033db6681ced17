import { Badge } from '@mantine/core';
import type { QuoteStatus } from '../gql/graphql';
import { STATUS_COLOURS, STATUS_LABELS } from './quoteSteps';

/** A quote's step: the colour is in the dot, the words stay dark (as a session's status). */
export function QuoteStatusBadge({ status, size }: { status: QuoteStatus; size?: 'md' | 'lg' }) {
  return (
    <Badge variant="dot" color={STATUS_COLOURS[status]} tt="none" miw="max-content" size={size}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
