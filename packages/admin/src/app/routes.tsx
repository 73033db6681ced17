import { ADMIN_ROUTES, Permission } from '@chorus/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { useSession } from '../auth/useSession';
import { AppLayout } from './AppLayout';
import { RequirePermission } from './RequirePermission';
import { RouteError } from './RouteError';

// Each screen is its own chunk: the first load carries only the shell and the sign-in.
const screens = {
  signIn: lazy(() => import('../auth/SignInPage')),
  overview: lazy(() => import('../overview/OverviewPage')),
  sessions: lazy(() => import('../sessions/SessionsPage')),
  sessionNew: lazy(() => import('../sessions/NewSessionPage')),
  session: lazy(() => import('../sessions/SessionPage')),
  sessionEdit: lazy(() => import('../sessions/EditSessionPage')),
  capture: lazy(() => import('../capture/CapturePage')),
  typeUp: lazy(() => import('../paper-forms/TypeUpPage')),
  imports: lazy(() => import('../imports/ImportPage')),
  responses: lazy(() => import('../responses/ResponsesPage')),
  response: lazy(() => import('../responses/ResponsePage')),
  codebook: lazy(() => import('../codebook/CodebookPage')),
  coding: lazy(() => import('../coding/CodingPage')),
  agreement: lazy(() => import('../agreement/AgreementPage')),
  blindCoding: lazy(() => import('../agreement/BlindCodingPage')),
  agreementReview: lazy(() => import('../agreement/DisagreementReviewPage')),
  participants: lazy(() => import('../participants/ParticipantsPage')),
  participant: lazy(() => import('../participants/ParticipantPage')),
  aggregates: lazy(() => import('../aggregates/AggregatesPage')),
  releases: lazy(() => import('../releases/ReleasesPage')),
  quotes: lazy(() => import('../quotes/QuotesPage')),
  quote: lazy(() => import('../quotes/QuotePage')),
  reports: lazy(() => import('../reports/ReportsPage')),
  safeguarding: lazy(() => import('../safeguarding/SafeguardingPage')),
  safeguardingRules: lazy(() => import('../safeguarding/SafeguardingRulesPage')),
  auditLog: lazy(() => import('../audit/AuditLogPage')),
  areas: lazy(() => import('../areas/AreasPage')),
  census: lazy(() => import('../census/CensusPage')),
  organisations: lazy(() => import('../administration/OrganisationsPage')),
  users: lazy(() => import('../administration/UsersPage')),
  apiKeys: lazy(() => import('../administration/ApiKeysPage')),
  settings: lazy(() => import('../settings/SettingsPage')),
  questionnaire: lazy(() => import('../questionnaire/QuestionnairePage')),
};

function guarded(permission: Permission, Screen: LazyExoticComponent<ComponentType>) {
  return (
    <RequirePermission permission={permission}>
      <Screen />
    </RequirePermission>
  );
}

/** Overview for roles that have it; a safeguarding lead starts at the queue, everyone else at their sessions. */
function Home() {
  const { can } = useSession();
  if (can(Permission.OverviewRead)) return <screens.overview />;
  return <Navigate to={can(Permission.SafeguardingManage) ? '/safeguarding' : '/sessions'} replace />;
}

// Paths come from ADMIN_ROUTES, the list the server also serves index.html for.
const signedInScreens: RouteObject[] = [
  { index: true, element: <Home /> },
  { path: ADMIN_ROUTES.sessions, element: guarded(Permission.SessionRead, screens.sessions) },
  { path: ADMIN_ROUTES.sessionNew, element: guarded(Permission.SessionPlan, screens.sessionNew) },
  { path: ADMIN_ROUTES.session, element: guarded(Permission.SessionRead, screens.session) },
  { path: ADMIN_ROUTES.sessionEdit, element: guarded(Permission.SessionUpdate, screens.sessionEdit) },
  { path: ADMIN_ROUTES.capture, element: guarded(Permission.ResponseSubmit, screens.capture) },
  { path: ADMIN_ROUTES.typeUp, element: guarded(Permission.ParticipantRegister, screens.typeUp) },
  { path: ADMIN_ROUTES.imports, element: guarded(Permission.ResponseImport, screens.imports) },
  { path: ADMIN_ROUTES.responses, element: guarded(Permission.ResponseRead, screens.responses) },
  { path: ADMIN_ROUTES.response, element: guarded(Permission.ResponseRead, screens.response) },
  { path: ADMIN_ROUTES.codebook, element: guarded(Permission.CodebookRead, screens.codebook) },
  { path: ADMIN_ROUTES.coding, element: guarded(Permission.CodingEdit, screens.coding) },
  { path: ADMIN_ROUTES.agreement, element: guarded(Permission.AgreementManage, screens.agreement) },
  { path: ADMIN_ROUTES.blindCoding, element: guarded(Permission.AgreementCode, screens.blindCoding) },
  { path: ADMIN_ROUTES.agreementReview, element: guarded(Permission.AgreementCode, screens.agreementReview) },
  { path: ADMIN_ROUTES.participants, element: guarded(Permission.ParticipantRead, screens.participants) },
  { path: ADMIN_ROUTES.participant, element: guarded(Permission.ParticipantRead, screens.participant) },
  { path: ADMIN_ROUTES.aggregates, element: guarded(Permission.AggregateRead, screens.aggregates) },
  { path: ADMIN_ROUTES.releases, element: guarded(Permission.ReleaseRead, screens.releases) },
  { path: ADMIN_ROUTES.quotes, element: guarded(Permission.QuoteRead, screens.quotes) },
  { path: ADMIN_ROUTES.quote, element: guarded(Permission.QuoteRead, screens.quote) },
  { path: ADMIN_ROUTES.reports, element: guarded(Permission.ReportRead, screens.reports) },
  { path: ADMIN_ROUTES.safeguarding, element: guarded(Permission.SafeguardingManage, screens.safeguarding) },
  {
    path: ADMIN_ROUTES.safeguardingRules,
    element: guarded(Permission.SafeguardingManage, screens.safeguardingRules),
  },
  { path: ADMIN_ROUTES.auditLog, element: guarded(Permission.AuditRead, screens.auditLog) },
  { path: ADMIN_ROUTES.areas, element: guarded(Permission.AreaManage, screens.areas) },
  { path: ADMIN_ROUTES.census, element: guarded(Permission.AreaManage, screens.census) },
  { path: ADMIN_ROUTES.organisations, element: guarded(Permission.OrganisationManage, screens.organisations) },
  { path: ADMIN_ROUTES.users, element: guarded(Permission.UserManage, screens.users) },
  { path: ADMIN_ROUTES.apiKeys, element: guarded(Permission.ApiKeyManage, screens.apiKeys) },
  { path: ADMIN_ROUTES.settings, element: guarded(Permission.EngagementManage, screens.settings) },
  { path: ADMIN_ROUTES.questionnaire, element: guarded(Permission.QuestionnaireManage, screens.questionnaire) },
  { path: '*', element: <Navigate to="/" replace /> },
];

// A screen that fails to load (a chunk gone after a deploy, a dropped connection) says so in place of
// the screen, inside the signed-in frame, with a reload; a failure outside the frame replaces the page.
export const routes: RouteObject[] = [
  {
    errorElement: <RouteError standalone />,
    children: [
      { path: ADMIN_ROUTES.signIn, element: <screens.signIn /> },
      { element: <AppLayout />, children: [{ errorElement: <RouteError />, children: signedInScreens }] },
    ],
  },
];
