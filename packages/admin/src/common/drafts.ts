// Unsent work kept in this browser (the capture screen's responses), one entry per session.
const DRAFT_PREFIX = 'chorus.capture.';

export const draftStorageKey = (sessionId: string) => `${DRAFT_PREFIX}${sessionId}`;

function draftKeys(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(DRAFT_PREFIX));
}

/**
 * Unsent words hold what people said, not yet redacted: they must not outlive the signed-in person
 * on a shared laptop. Returns false when the person chose to keep them by not signing out.
 */
export function discardDraftsOnSignOut(confirm: (message: string) => boolean): boolean {
  const keys = draftKeys();
  if (
    keys.length &&
    !confirm('Responses not yet sent from this device will be deleted when you sign out. Sign out anyway?')
  ) {
    return false;
  }
  for (const key of keys) localStorage.removeItem(key);
  return true;
}
