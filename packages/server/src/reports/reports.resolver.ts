import { Permission } from '@chorus/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { User } from '../users/user.entity.js';
import { BoardReport, ReportNarrative, ReportSection } from './report.entity.js';

const BoardReportConnection = Connection(BoardReport, 'BoardReport');

@Resolver(() => BoardReport)
export class ReportsResolver {
  @Authorized(Permission.ReportRead)
  @Query(() => BoardReportConnection, {
    complexity: pagedComplexity,
    description: 'Versions of the board report, newest first; council keys see only published versions.',
  })
  boardReports(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.reports.list(req, page);
  }

  @Authorized(Permission.ReportRead)
  @Query(() => BoardReport, {
    nullable: true,
    description: 'A version of the board report: the latest unless `version` is given; null when there is none.',
  })
  boardReport(
    @Arg('version', () => Int, { nullable: true, description: 'An older version; NOT_FOUND if there is none.' })
    version: number | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.reports.find(req, version);
  }

  @Authorized(Permission.ReportBuild)
  @Query(() => [ReportNarrative], {
    description: "The narrative being written, every section in the report's order; the next build takes it.",
  })
  reportNarratives(@Ctx() { req, services }: GraphQLContext) {
    return services.reports.narratives(req);
  }

  @Authorized(Permission.ReportBuild)
  @Mutation(() => ReportNarrative, {
    description: "Writes one section's narrative (Markdown, at most 20,000 characters; audited).",
  })
  setReportNarrative(
    @Arg('section', () => ReportSection, { description: 'The section.' }) section: ReportSection,
    @Arg('markdown', () => String, { description: 'Markdown; raw HTML and images are not rendered.' })
    markdown: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.reports.setNarrative(req, section, markdown);
  }

  @Authorized(Permission.ReportBuild)
  @Mutation(() => BoardReport, {
    description:
      'Builds a new version of the board report from a published release (the latest unless given) and the quotes ' +
      'approved now, by a job; it comes back BUILDING with its progress (audited).',
  })
  buildReport(
    @Arg('releaseVersion', () => Int, { nullable: true, description: 'The release to build from.' })
    releaseVersion: number | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.reports.request(req, releaseVersion);
  }

  @Authorized(Permission.ReportPublish)
  @Mutation(() => BoardReport, {
    description: 'Publishes a READY version so council keys may read and download it (coordinator; audited).',
  })
  publishReport(
    @Arg('version', () => Int, { description: 'The version.' }) version: number,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.reports.publish(req, version);
  }

  @Authorized(Permission.ReportRead)
  @FieldResolver(() => [ReportNarrative], { description: 'The narrative it was built with, every section in order.' })
  narrative(@Root() report: BoardReport, @Ctx() { req, services }: GraphQLContext) {
    return services.reports.narrativeOf(req, report);
  }

  @FieldResolver(() => Boolean, { description: 'True once a quote it printed has been withdrawn since it was built.' })
  containsWithdrawnQuote(@Root() report: BoardReport) {
    return report.withdrawnQuotes > 0;
  }

  @FieldResolver(() => String, { description: 'Where its HTML is downloaded (GET, with the bearer token).' })
  htmlPath(@Root() report: BoardReport) {
    return `/exports/reports/${report.version}/report.html`;
  }

  @FieldResolver(() => String, { description: 'Where its PDF is downloaded (GET, with the bearer token).' })
  pdfPath(@Root() report: BoardReport) {
    return `/exports/reports/${report.version}/report.pdf`;
  }

  @Authorized(Permission.UserList)
  @FieldResolver(() => User, { nullable: true, description: 'The staff member who asked for it (staff only).' })
  requestedBy(@Root() report: BoardReport, @Ctx() { loaders }: GraphQLContext) {
    return report.requestedByUserId ? loaders.user.load(report.requestedByUserId) : null;
  }
}
