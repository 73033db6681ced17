import { Alert } from '@mantine/core';
import { useEffect, useRef } from 'react';

/**
 * Confirms a finished action, and takes focus when it appears: the button that was used may
 * have gone (a withdrawn consent, a revoked key) or been disabled while saving, and keyboard and
 * screen-reader users should land on the outcome.
 */
export function SuccessNotice({ message }: { message: string }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.focus();
  }, [message]);
  return (
    <Alert ref={notice} tabIndex={-1} color="green" role="status">
      {message}
    </Alert>
  );
}
