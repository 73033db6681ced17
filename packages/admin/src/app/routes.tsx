import type { Capability } from '@chorus/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { useSession } from '../auth/useSession';
import { AppLayout } from './AppLayout';
import { RequireCapability } from './RequireCapability';

// Each screen is its own chunk: the first load carries only the shell and the sign-in.
const screens = {
  signIn: lazy(() => import('../auth/SignInPage')),
  overview: lazy(() => import('../overview/OverviewPage')),
  sessions: lazy(() => import('../sessions/SessionsPage')),
  sessionNew: lazy(() => import('../sessions/NewSessionPage')),
  session: lazy(() => import('../sessions/SessionPage')),
  sessionEdit: lazy(() => import('../sessions/EditSessionPage')),
  capture: lazy(() => import('../capture/CapturePage')),
  responses: lazy(() => import('../responses/ResponsesPage')),
  response: lazy(() => import('../responses/ResponsePage')),
  codebook: lazy(() => import('../codebook/CodebookPage')),
  coding: lazy(() => import('../coding/CodingPage')),
  participants: lazy(() => import('../participants/ParticipantsPage')),
  participant: lazy(() => import('../participants/ParticipantPage')),
  aggregates: lazy(() => import('../aggregates/AggregatesPage')),
  organisations: lazy(() => import('../administration/OrganisationsPage')),
  users: lazy(() => import('../administration/UsersPage')),
  apiKeys: lazy(() => import('../administration/ApiKeysPage')),
};

function guarded(capability: Capability, Screen: LazyExoticComponent<ComponentType>) {
  return (
    <RequireCapability capability={capability}>
      <Screen />
    </RequireCapability>
  );
}

/** Overview for roles that have it; everyone else starts at their sessions. */
function Home() {
  const { can } = useSession();
  return can('overview') ? <screens.overview /> : <Navigate to="/sessions" replace />;
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <screens.signIn /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'sessions', element: guarded('readResponses', screens.sessions) },
      { path: 'sessions/new', element: guarded('planSessions', screens.sessionNew) },
      { path: 'sessions/:id', element: guarded('readResponses', screens.session) },
      { path: 'sessions/:id/edit', element: guarded('fieldwork', screens.sessionEdit) },
      { path: 'sessions/:id/capture', element: guarded('fieldwork', screens.capture) },
      { path: 'responses', element: guarded('readResponses', screens.responses) },
      { path: 'responses/:id', element: guarded('readResponses', screens.response) },
      { path: 'codebook', element: guarded('codebook', screens.codebook) },
      { path: 'coding', element: guarded('analysis', screens.coding) },
      { path: 'participants', element: guarded('readParticipants', screens.participants) },
      { path: 'participants/:id', element: guarded('readParticipants', screens.participant) },
      { path: 'aggregates', element: guarded('aggregates', screens.aggregates) },
      { path: 'admin/organisations', element: guarded('admin', screens.organisations) },
      { path: 'admin/users', element: guarded('admin', screens.users) },
      { path: 'admin/api-keys', element: guarded('admin', screens.apiKeys) },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
