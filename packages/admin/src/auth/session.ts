import type { Role } from '@chorus/shared';
import { clearDrafts } from '../common/drafts';

/** The signed-in user, as the admin app keeps it for this browser tab. */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

interface StoredSession {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

// Per tab, gone when the browser closes: a shared laptop at a community centre keeps no session.
const KEY = 'chorus.session';
const listeners = new Set<() => void>();

/**
 * The tabs of one browser session share the sign-in over a same-origin channel, so a link opened in a
 * new tab does not ask again. Nothing is written where it outlives the browser, and no other site's
 * script can join the channel. Signing out in one tab ends the sign-in in every tab.
 */
type TabMessage = { type: 'ask' } | { type: 'share'; session: StoredSession } | { type: 'signed-out'; token: string };
const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('chorus.session');

function read(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

let current = read();
let expired = false;
let fromAnotherTab = false;
// Unsent work belongs to a sign-in: none is kept in a tab where nobody is signed in.
if (!current) clearDrafts();

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  get token(): string | null {
    return current?.token ?? null;
  },
  get user(): SignedInUser | null {
    return current?.user ?? null;
  },
  /** True when this tab took its sign-in from another tab of the browser rather than from the sign-in form. */
  get fromAnotherTab(): boolean {
    return fromAnotherTab;
  },
  /** True after the server refused the token: the app asks to sign in again over the current page. */
  get expired(): boolean {
    return expired;
  },
  signIn(token: string, expiresAt: string, user: SignedInUser): void {
    // After an expiry the same person carries on with their work; someone else does not get it.
    if (current && current.user.id !== user.id) clearDrafts();
    current = { token, expiresAt, user };
    expired = false;
    fromAnotherTab = false;
    sessionStorage.setItem(KEY, JSON.stringify(current));
    notify();
  },
  /** Ends the sign-in, and with it the unsent work kept in this tab. */
  signOut(): void {
    if (current) tabs?.postMessage({ type: 'signed-out', token: current.token } satisfies TabMessage);
    current = null;
    fromAnotherTab = false;
    expired = false;
    sessionStorage.removeItem(KEY);
    clearDrafts();
    notify();
  },
  /** `refusedToken` is the token the refused request carried: a late answer to an older one is ignored. */
  markExpired(refusedToken: string | null): void {
    if (!current || expired || refusedToken !== current.token) return;
    expired = true;
    notify();
  },
  // An arrow function: React calls it unbound (useSyncExternalStore).
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

tabs?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
  const message = event.data;
  if (message.type === 'ask') {
    if (current && !expired) tabs.postMessage({ type: 'share', session: current } satisfies TabMessage);
  } else if (message.type === 'share') {
    if (current || Date.parse(message.session.expiresAt) <= Date.now()) return;
    current = message.session;
    fromAnotherTab = true;
    sessionStorage.setItem(KEY, JSON.stringify(current));
    notify();
  } else {
    // The token is ended on the server: this tab asks to sign in again over its page, keeping unsent work.
    session.markExpired(message.token);
  }
});
if (!current) tabs?.postMessage({ type: 'ask' } satisfies TabMessage);
