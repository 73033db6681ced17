// Unsent work kept in this tab: the capture screen's responses (one entry per session) and the
// explorer's editor tabs. Both can hold what people said before redaction, so they live in
// sessionStorage (gone with the tab) and end with the sign-in.
const DRAFT_PREFIX = 'chorus.capture.';
const EXPLORER_PREFIX = 'graphiql:';

export const draftStorageKey = (sessionId: string) => `${DRAFT_PREFIX}${sessionId}`;

function keysStartingWith(storage: Storage, prefix: string): string[] {
  return Object.keys(storage).filter((key) => key.startsWith(prefix));
}

/** Removes all unsent work, including drafts an earlier version kept in localStorage. */
export function clearDrafts(): void {
  try {
    for (const storage of [sessionStorage, localStorage]) {
      for (const prefix of [DRAFT_PREFIX, EXPLORER_PREFIX]) {
        for (const key of keysStartingWith(storage, prefix)) storage.removeItem(key);
      }
    }
  } catch {
    // Storage blocked: nothing was kept either.
  }
}

/**
 * Signing out deletes unsent responses (session.signOut clears them): on a shared laptop they must
 * not outlive the signed-in person. Returns false when the person chose to keep them by not signing out.
 */
export function confirmSignOut(confirm: (message: string) => boolean): boolean {
  return (
    !keysStartingWith(sessionStorage, DRAFT_PREFIX).length ||
    confirm('Responses not yet sent from this device will be deleted when you sign out. Sign out anyway?')
  );
}

/**
 * The explorer's storage: this tab's sessionStorage, under the explorer's own keys only, so its
 * "clear storage" cannot sign anyone out.
 */
export const explorerStorage: Storage = {
  getItem: (key) => sessionStorage.getItem(key),
  setItem: (key, value) => sessionStorage.setItem(key, value),
  removeItem: (key) => sessionStorage.removeItem(key),
  key: (index) => keysStartingWith(sessionStorage, EXPLORER_PREFIX)[index] ?? null,
  get length() {
    return keysStartingWith(sessionStorage, EXPLORER_PREFIX).length;
  },
  clear() {
    for (const key of keysStartingWith(sessionStorage, EXPLORER_PREFIX)) sessionStorage.removeItem(key);
  },
};
