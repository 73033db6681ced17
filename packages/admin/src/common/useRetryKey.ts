import { useRef } from 'react';

/**
 * An idempotency key per piece of work: the same key while the same details are retried, until the
 * server confirms them; new details (or confirmed ones sent again) get a new key.
 */
export function useRetryKey() {
  const pending = useRef<{ details: string; key: string } | null>(null);
  return {
    keyFor(input: unknown): string {
      const details = JSON.stringify(input);
      if (pending.current?.details !== details) pending.current = { details, key: crypto.randomUUID() };
      return pending.current.key;
    },
    confirmed() {
      pending.current = null;
    },
  };
}
