import { SessionStatus } from '@chorus/shared';
import { Badge, Group } from '@mantine/core';
import { LABELS } from '../common/labels';

// The dot carries the colour; the words stay in the body text colour, so contrast holds for all three.
const DOT_COLOUR: Record<SessionStatus, string> = {
  [SessionStatus.PLANNED]: 'blue',
  [SessionStatus.HELD]: 'green',
  [SessionStatus.CANCELLED]: 'red',
};

/** A session still "Planned" after it was due to finish (its end, or its start when no end is given). */
export function isOverdue(
  session: { status: SessionStatus; startsAt: string; endsAt?: string | null },
  now = Date.now(),
): boolean {
  return session.status === SessionStatus.PLANNED && new Date(session.endsAt ?? session.startsAt).getTime() < now;
}

/** The status, and a flag when a planned session's date has passed (it was held or cancelled, and not marked). */
export function SessionStatusBadge({
  session,
}: {
  session: { status: SessionStatus; startsAt: string; endsAt?: string | null };
}) {
  const status = (
    <Badge variant="dot" color={DOT_COLOUR[session.status]} tt="none" miw="max-content">
      {LABELS.status[session.status]}
    </Badge>
  );
  if (!isOverdue(session)) return status;
  return (
    <Group gap={4} wrap="nowrap">
      {status}
      <Badge variant="dot" color="orange" tt="none" miw="max-content">
        Date passed: mark it held or cancelled
      </Badge>
    </Group>
  );
}
