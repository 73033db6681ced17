import { SessionStatus } from '@chorus/shared';
import { Badge } from '@mantine/core';
import { LABELS } from '../common/labels';

// The dot carries the colour; the words stay in the body text colour, so contrast holds for all three.
const DOT_COLOUR: Record<SessionStatus, string> = {
  [SessionStatus.PLANNED]: 'blue',
  [SessionStatus.HELD]: 'green',
  [SessionStatus.CANCELLED]: 'red',
};

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return (
    <Badge variant="dot" color={DOT_COLOUR[status]} tt="none" miw="max-content">
      {LABELS.status[status]}
    </Badge>
  );
}
