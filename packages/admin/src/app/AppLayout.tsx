import { LABELS } from '../common/labels';
import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useSession } from '../auth/useSession';
import { useSignOut } from '../auth/useSignOut';
import { QueryState } from '../common/QueryState';
import { NAV } from './nav';
import { runAsync } from '../common/handle';

// Rarely shown, and it carries GraphQL documents: kept out of the first load.
const SessionExpiredModal = lazy(() => import('../auth/SessionExpiredModal'));

/** The signed-in frame: header, the sections the role may use, and the page. */
export function AppLayout() {
  const { user, can, expired } = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const signOut = useSignOut(expired);
  if (!user) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;

  const signedInAs = `${user.displayName} · ${LABELS.role[user.role]}`;
  const items = NAV.filter((item) => can(item.permission));
  const within = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));
  // The deepest section the page is in: /safeguarding/rules is Safeguarding rules, not Safeguarding too.
  const current = items.filter((item) => within(item.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  const isActive = (to: string) => to === current;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Title order={2} size="h4">
              Chorus
            </Title>
          </Group>
          <Group gap="sm">
            {/* On a phone the name would push "Sign out" below the header: it moves to the top of the menu. */}
            <Text size="sm" visibleFrom="sm">
              {signedInAs}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => runAsync(signOut())}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* An admin has two dozen sections: on a short screen the list scrolls rather than running off it. */}
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections" style={{ overflowY: 'auto' }}>
        <Text size="sm" hiddenFrom="sm" px="sm" pb="xs">
          {signedInAs}
        </Text>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={isActive(item.to)}
            aria-current={isActive(item.to) ? 'page' : undefined}
            // Filled keeps the active link's text legible on hover too.
            variant="filled"
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<QueryState loading>{null}</QueryState>}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      {/* New pages open at the top; back and forward return to where the reader was. */}
      <ScrollRestoration />
      {expired && (
        <Suspense>
          <SessionExpiredModal />
        </Suspense>
      )}
    </AppShell>
  );
}
