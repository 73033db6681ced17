import { useState } from 'react';

/**
 * Cursor pagination state: the cursors of the pages read so far, so "previous" goes back
 * exactly. Changing `resetKey` (e.g. the filters) returns to the first page.
 */
export function usePages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) =>
      endCursor && setState({ key: resetKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
