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
  /** True after the server refused the token: the app asks to sign in again over the current page. */
  get expired(): boolean {
    return expired;
  },
  signIn(token: string, expiresAt: string, user: SignedInUser): void {
    // After an expiry the same person carries on with their work; someone else does not get it.
    if (current && current.user.id !== user.id) clearDrafts();
    current = { token, expiresAt, user };
    expired = false;
    sessionStorage.setItem(KEY, JSON.stringify(current));
    notify();
  },
  /** Ends the sign-in, and with it the unsent work kept in this tab. */
  signOut(): void {
    current = null;
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
