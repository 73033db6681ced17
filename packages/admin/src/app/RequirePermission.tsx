import type { Permission } from '@chorus/shared';
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';

/** A page for roles that may use it; others are told plainly, as the page's heading, rather than shown a broken screen. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) {
    return (
      <>
        <PageTitle title="Not available">Not available to your role</PageTitle>
        <Text>Ask an admin if you need this.</Text>
      </>
    );
  }
  return <>{children}</>;
}
