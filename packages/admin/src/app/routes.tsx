import { Permission } from '@chorus/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { useSession } from '../auth/useSession';
import { AppLayout } from './AppLayout';
import { RequirePermission } from './RequirePermission';

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

function guarded(permission: Permission, Screen: LazyExoticComponent<ComponentType>) {
  return (
    <RequirePermission permission={permission}>
      <Screen />
    </RequirePermission>
  );
}

/** Overview for roles that have it; everyone else starts at their sessions. */
function Home() {
  const { can } = useSession();
  return can(Permission.OverviewRead) ? <screens.overview /> : <Navigate to="/sessions" replace />;
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <screens.signIn /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'sessions', element: guarded(Permission.SessionRead, screens.sessions) },
      { path: 'sessions/new', element: guarded(Permission.SessionPlan, screens.sessionNew) },
      { path: 'sessions/:id', element: guarded(Permission.SessionRead, screens.session) },
      { path: 'sessions/:id/edit', element: guarded(Permission.SessionUpdate, screens.sessionEdit) },
      { path: 'sessions/:id/capture', element: guarded(Permission.ResponseSubmit, screens.capture) },
      { path: 'responses', element: guarded(Permission.ResponseRead, screens.responses) },
      { path: 'responses/:id', element: guarded(Permission.ResponseRead, screens.response) },
      { path: 'codebook', element: guarded(Permission.CodebookRead, screens.codebook) },
      { path: 'coding', element: guarded(Permission.CodingEdit, screens.coding) },
      { path: 'participants', element: guarded(Permission.ParticipantRead, screens.participants) },
      { path: 'participants/:id', element: guarded(Permission.ParticipantRead, screens.participant) },
      { path: 'aggregates', element: guarded(Permission.AggregateRead, screens.aggregates) },
      { path: 'admin/organisations', element: guarded(Permission.OrganisationManage, screens.organisations) },
      { path: 'admin/users', element: guarded(Permission.UserManage, screens.users) },
      { path: 'admin/api-keys', element: guarded(Permission.ApiKeyManage, screens.apiKeys) },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];
