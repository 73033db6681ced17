import 'reflect-metadata';
import './enums.js';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AggregatesResolver } from '../aggregates/aggregates.resolver.js';
import {
  AgreementAssignmentResolver,
  AgreementCodingResolver,
  AgreementResolver,
  AgreementReviewItemResolver,
  ThemeAgreementResolver,
} from '../agreement/agreement.resolver.js';
import { DisclosureResolver } from '../disclosure/disclosure.resolver.js';
import { ApiKeysResolver } from '../api-keys/api-keys.resolver.js';
import { AreasResolver } from '../areas/areas.resolver.js';
import { CensusPopulationsResolver } from '../census/census-populations.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { CodingsResolver } from '../codings/codings.resolver.js';
import { ConsentsResolver } from '../consents/consents.resolver.js';
import { EngagementsResolver } from '../engagements/engagements.resolver.js';
import { ImportsResolver } from '../imports/imports.resolver.js';
import { OrganisationsResolver } from '../organisations/organisations.resolver.js';
import { OverviewResolver } from '../overview/overview.resolver.js';
import { QuestionnaireResolver } from '../questionnaire/questionnaire.resolver.js';
import { PaperFormsResolver } from '../paper-forms/paper-forms.resolver.js';
import { ParticipantsResolver } from '../participants/participants.resolver.js';
import {
  QuotesResolver,
  QuoteTransitionsResolver,
  ReleaseQuotesResolver,
  ResponseQuotesResolver,
} from '../quotes/quotes.resolver.js';
import {
  ReleaseRunsResolver,
  ReleaseScheduleFieldsResolver,
  ReleaseScheduleResolver,
} from '../releases/release-schedule.resolver.js';
import { SubjectAccessResolver } from '../participants/subject-access.resolver.js';
import { RetentionResolver } from '../retention/retention.resolver.js';
import { ReleasesResolver, ReleaseTablesResolver } from '../releases/releases.resolver.js';
import { ReportsResolver } from '../reports/reports.resolver.js';
import { ResponsesResolver } from '../responses/responses.resolver.js';
import { SafeguardingResolver } from '../safeguarding/safeguarding.resolver.js';
import { SessionsResolver } from '../sessions/sessions.resolver.js';
import { ThemesResolver } from '../themes/themes.resolver.js';
import {
  SuggestionRunsResolver,
  SuggestionsResolver,
  ThemeCandidatesResolver,
  ThemeSuggestionRejectionsResolver,
  ThemeSuggestionsResolver,
} from '../suggestions/suggestions.resolver.js';
import { UsersResolver } from '../users/users.resolver.js';
import { ViewerResolver } from '../access/viewer.resolver.js';
import { authChecker } from './auth-checker.js';
import { DateTimeScalar } from './scalars.js';

let schema: GraphQLSchema | undefined;

/** The schema, built once per process from the resolvers' decorators. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      AggregatesResolver,
      AgreementAssignmentResolver,
      AgreementCodingResolver,
      AgreementResolver,
      AgreementReviewItemResolver,
      ApiKeysResolver,
      AreasResolver,
      AuditResolver,
      AuthResolver,
      CensusPopulationsResolver,
      CodingsResolver,
      ConsentsResolver,
      DisclosureResolver,
      EngagementsResolver,
      ImportsResolver,
      OrganisationsResolver,
      OverviewResolver,
      ParticipantsResolver,
      QuestionnaireResolver,
      PaperFormsResolver,
      QuotesResolver,
      QuoteTransitionsResolver,
      ReleaseQuotesResolver,
      ReleasesResolver,
      ReleaseScheduleResolver,
      ReleaseScheduleFieldsResolver,
      ReleaseRunsResolver,
      ReleaseTablesResolver,
      ReportsResolver,
      ResponseQuotesResolver,
      ResponsesResolver,
      SafeguardingResolver,
      RetentionResolver,
      SessionsResolver,
      SubjectAccessResolver,
      ThemeAgreementResolver,
      ThemesResolver,
      SuggestionsResolver,
      SuggestionRunsResolver,
      ThemeSuggestionRejectionsResolver,
      ThemeSuggestionsResolver,
      ThemeCandidatesResolver,
      UsersResolver,
      ViewerResolver,
    ],
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  return schema;
}

/** The SDL committed as packages/server/schema.graphql. */
export function printChorusSchema(): string {
  return printSchema(getSchema()) + '\n';
}
