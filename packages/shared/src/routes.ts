/**
 * The admin app's pages. The app's router and the server read this one list: the server answers
 * these paths with the app's index.html and every other unknown path with 404.
 */
export const ADMIN_ROUTES = {
  home: '/',
  signIn: '/sign-in',
  sessions: '/sessions',
  sessionNew: '/sessions/new',
  session: '/sessions/:id',
  sessionEdit: '/sessions/:id/edit',
  capture: '/sessions/:id/capture',
  typeUp: '/paper-forms',
  imports: '/imports',
  responses: '/responses',
  response: '/responses/:id',
  codebook: '/codebook',
  coding: '/coding',
  agreement: '/agreement',
  blindCoding: '/agreement/coding',
  agreementReview: '/agreement/review',
  participants: '/participants',
  participant: '/participants/:id',
  aggregates: '/aggregates',
  releases: '/releases',
  quotes: '/quotes',
  quote: '/quotes/:id',
  reports: '/reports',
  safeguarding: '/safeguarding',
  safeguardingRules: '/safeguarding/rules',
  auditLog: '/admin/audit',
  areas: '/admin/areas',
  census: '/admin/census',
  organisations: '/admin/organisations',
  users: '/admin/users',
  apiKeys: '/admin/api-keys',
  settings: '/admin/settings',
  questionnaire: '/admin/questionnaire',
} as const;

const PATTERNS = Object.values(ADMIN_ROUTES).map((route) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}/?$`));

/** True for a path the admin app renders, e.g. `/sessions/4f…/edit`; false for `/export.csv`. */
export function isAdminRoute(path: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(path));
}

/** Where `count` printable paper forms for a QUESTIONNAIRE session download from (each reserves a code). */
export const paperFormsPath = (sessionId: string, count: number) =>
  `/exports/sessions/${sessionId}/paper-forms.pdf?count=${count}`;

/** Where a participant's subject access export downloads from: their id only, never their code or details. */
export const participantExportPath = (participantId: string, format: 'json' | 'html') =>
  `/exports/participants/${participantId}/data.${format}`;
