import { Permission } from '@chorus/shared';

export interface NavItem {
  to: string;
  label: string;
  permission: Permission;
}

/** The sections, each shown only to roles that may use it. */
export const NAV: NavItem[] = [
  { to: '/', label: 'Overview', permission: Permission.OverviewRead },
  { to: '/sessions', label: 'Sessions', permission: Permission.SessionRead },
  { to: '/paper-forms', label: 'Type up paper forms', permission: Permission.ParticipantRegister },
  { to: '/imports', label: 'Import responses', permission: Permission.ResponseImport },
  { to: '/responses', label: 'Responses', permission: Permission.ResponseRead },
  { to: '/coding', label: 'Coding', permission: Permission.CodingEdit },
  { to: '/codebook', label: 'Codebook', permission: Permission.CodebookRead },
  { to: '/agreement', label: 'Agreement', permission: Permission.AgreementManage },
  { to: '/agreement/coding', label: 'Blind coding', permission: Permission.AgreementCode },
  { to: '/agreement/review', label: 'Disagreements', permission: Permission.AgreementCode },
  { to: '/participants', label: 'Participants', permission: Permission.ParticipantRead },
  { to: '/aggregates', label: 'Aggregates', permission: Permission.AggregateRead },
  { to: '/releases', label: 'Releases', permission: Permission.ReleaseRead },
  { to: '/quotes', label: 'Quotes', permission: Permission.QuoteRead },
  { to: '/reports', label: 'Board report', permission: Permission.ReportRead },
  { to: '/safeguarding', label: 'Safeguarding', permission: Permission.SafeguardingManage },
  { to: '/safeguarding/rules', label: 'Safeguarding rules', permission: Permission.SafeguardingManage },
  { to: '/admin/questionnaire', label: 'Questionnaire', permission: Permission.QuestionnaireManage },
  { to: '/admin/areas', label: 'Areas', permission: Permission.AreaManage },
  { to: '/admin/census', label: 'Census figures', permission: Permission.AreaManage },
  { to: '/admin/organisations', label: 'Organisations', permission: Permission.OrganisationManage },
  { to: '/admin/users', label: 'Users', permission: Permission.UserManage },
  { to: '/admin/api-keys', label: 'API keys', permission: Permission.ApiKeyManage },
  { to: '/admin/audit', label: 'Audit log', permission: Permission.AuditRead },
  { to: '/admin/settings', label: 'Settings', permission: Permission.EngagementManage },
];
