import type { Permission } from '@chorus/shared';
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from '../auth/useSession';

/** A page for roles that may use it; others are told plainly rather than shown a broken screen. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) {
    return (
      <Alert color="gray" title="Not available to your role" role="alert">
        Ask an admin if you need this.
      </Alert>
    );
  }
  return <>{children}</>;
}
