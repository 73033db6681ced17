import type { Capability } from '@chorus/shared';

export interface NavItem {
  to: string;
  label: string;
  capability: Capability;
}

/** The sections, each shown only to roles that may use it. */
export const NAV: NavItem[] = [
  { to: '/', label: 'Overview', capability: 'overview' },
  { to: '/sessions', label: 'Sessions', capability: 'readResponses' },
  { to: '/responses', label: 'Responses', capability: 'readResponses' },
  { to: '/coding', label: 'Coding', capability: 'analysis' },
  { to: '/codebook', label: 'Codebook', capability: 'codebook' },
  { to: '/participants', label: 'Participants', capability: 'readParticipants' },
  { to: '/aggregates', label: 'Aggregates', capability: 'aggregates' },
  { to: '/admin/organisations', label: 'Organisations', capability: 'admin' },
  { to: '/admin/users', label: 'Users', capability: 'admin' },
  { to: '/admin/api-keys', label: 'API keys', capability: 'admin' },
];
