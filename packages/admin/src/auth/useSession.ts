import { hasPermission, Role, type Permission } from '@chorus/shared';
import { useSyncExternalStore } from 'react';
import { session } from './session';

const version = () => `${session.token}|${session.expired}`;

/** The signed-in user and what their role allows; re-renders on sign-in, sign-out and expiry. */
export function useSession() {
  useSyncExternalStore(session.subscribe, version);
  const user = session.user;
  return {
    user,
    expired: session.expired,
    can: (permission: Permission) => hasPermission(user?.role, permission),
    /** Partners reach only their own organisation's rows: organisation choices are noise to them. */
    ownOrganisationOnly: user?.role === Role.PARTNER,
  };
}
