import { ConsentPurpose, Permission, type Prompt } from '@chorus/shared';
import { Caller } from '../access/caller.js';
import type { AgreementService } from '../agreement/agreement.service.js';
import { reachSql, scopeReports } from '../access/tenancy.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import { paginate, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import type { ConsentsService } from '../consents/consents.service.js';
import type { RequestContext } from '../db/request-context.js';
import { date } from '../db/rows.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ReleaseCell } from '../releases/release.entity.js';
import type { ReleasesService } from '../releases/releases.service.js';
import { buildReportTask } from './build-report.task.js';
import {
  composeDocument,
  REPORT_TABLES,
  SECTION_TITLES,
  type MethodsInput,
  type PrintedQuote,
  type ReportDocument,
} from './report-document.js';
import { BoardReport, ReportSection, ReportStatus, type ReportNarrative } from './report.entity.js';
import { renderHtml } from './report-html.js';
import { renderPdf } from './report-pdf.js';

/** Characters of Markdown a section's narrative may hold. */
export const NARRATIVE_MAX = 20_000;

export type ReportFormat = 'html' | 'pdf';

/** A version's file, and whether it is the one stored at build time or drawn again without quotes since withdrawn. */
export interface ReportFile {
  report: BoardReport;
  body: Buffer;
  stored: boolean;
}

interface QuoteRow {
  id: string;
  published_text: string;
  attribution: string;
  prompt: Prompt;
  participant_id: string | null;
}

/**
 * The board report: versions built by a job from one published release (its cells, never a
 * recount) and the quotes approved at build time, consent checked again; the narrative written
 * per section is copied into each version. Council keys read only versions a coordinator published.
 */
export class ReportsService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
    private readonly jobs: JobQueue,
    private readonly releases: ReleasesService,
    private readonly consents: ConsentsService,
    private readonly agreement: AgreementService,
    /** Where the HTML links its figures and quotes (CHORUS_PUBLIC_URL); null: it links nothing. */
    private readonly publicUrl: string | null = null,
  ) {}

  /** The narrative being written, every section in the report's order (blank where none is written). */
  async narratives(ctx: RequestContext): Promise<ReportNarrative[]> {
    ctx.require(Permission.ReportBuild);
    const rows = await ctx.query<{ section: ReportSection; markdown: string; updated_at: unknown }>(
      `SELECT section, markdown, updated_at FROM report_narratives WHERE engagement_id = $1`,
      [ctx.engagementId],
    );
    const written = new Map(rows.map((row) => [row.section, row]));
    return Object.values(ReportSection).map((section) => ({
      section,
      title: SECTION_TITLES[section],
      markdown: written.get(section)?.markdown ?? '',
      updatedAt: written.has(section) ? date(written.get(section)!.updated_at) : null,
    }));
  }

  /** Writes one section's narrative; the next build takes it. */
  async setNarrative(ctx: RequestContext, section: ReportSection, markdown: string): Promise<ReportNarrative> {
    return this.useCases.run(ctx, Permission.ReportBuild, async (tx) => {
      if (!Object.values(ReportSection).includes(section)) {
        throw badInput('section', `section must be one of ${Object.values(ReportSection).join(', ')}`);
      }
      if (typeof markdown !== 'string' || markdown.length > NARRATIVE_MAX) {
        throw badInput('markdown', `markdown must be at most ${NARRATIVE_MAX} characters`);
      }
      const [row] = await tx.query<{ updated_at: unknown }>(
        `INSERT INTO report_narratives (engagement_id, section, markdown, updated_by_user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (engagement_id, section)
         DO UPDATE SET markdown = EXCLUDED.markdown, updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()
         RETURNING updated_at`,
        [tx.engagementId, section, markdown, tx.caller.userId],
      );
      return audited(
        { section, title: SECTION_TITLES[section], markdown, updatedAt: date(row!.updated_at) },
        {
          action: AuditAction.ReportNarrativeEdited,
          entityType: 'engagement',
          entityId: tx.engagementId,
          details: { section, characters: markdown.length },
        },
      );
    });
  }

  /**
   * Numbers a new version from a published release (the latest unless one is named) with the
   * narrative as it stands, and queues its build; it comes back BUILDING.
   */
  async request(ctx: RequestContext, releaseVersion: number | null | undefined): Promise<BoardReport> {
    return this.useCases.run(ctx, Permission.ReportBuild, async (tx) => {
      const release = await this.releases.find(tx, releaseVersion, 'releaseVersion');
      if (!release)
        throw badInput('releaseVersion', 'Publish a release of the figures first: a report is built from one');
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:report-version'), hashtext($1::text))`, [
        tx.engagementId,
      ]);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO board_reports (engagement_id, version, release_id, release_version, status, stage, narrative, requested_by_user_id)
         SELECT $1, coalesce((SELECT max(version) FROM board_reports WHERE engagement_id = $1), 0) + 1, $2, $3,
                'BUILDING', 'Waiting for the job queue',
                coalesce((SELECT jsonb_object_agg(section, markdown) FROM report_narratives WHERE engagement_id = $1), '{}'),
                $4
         RETURNING id`,
        [tx.engagementId, release.id, release.version, tx.caller.userId],
      );
      await this.jobs.enqueue(tx, buildReportTask, { reportId: row!.id });
      const report = await tx.manager.findOneByOrFail(BoardReport, { id: row!.id });
      return audited(report, {
        action: AuditAction.ReportBuildRequested,
        entityType: 'report',
        entityId: report.id,
        details: { version: report.version, release: release.version },
      });
    });
  }

  /**
   * The job's work: reads the release's cells, then in one transaction takes the quotes approved
   * now (locked, so a withdrawal waits for the build or the build sees it), checks each person's
   * QUOTE consent on the ledger again, draws the HTML and PDF and stores them with the version and
   * every quote use. A version already built is left as it is, so a retried job is harmless.
   */
  async build(ctx: RequestContext, reportId: string): Promise<void> {
    ctx.require(Permission.ReportBuild);
    const report = await ctx.manager.findOneBy(BoardReport, { id: reportId, engagementId: ctx.engagementId });
    if (!report) throw notFound('Report', 'reportId');
    if (report.status !== ReportStatus.BUILDING) return;
    await this.progress(ctx, reportId, 10, `Reading release ${report.releaseVersion}`);
    const release = await this.releases.find(ctx, report.releaseVersion, 'releaseVersion');
    if (!release) throw notFound('Release', 'releaseVersion');
    const cells: Record<string, ReleaseCell[]> = {};
    for (const name of Object.values(REPORT_TABLES)) {
      cells[name] = await this.releases.figures(ctx, release, name);
    }
    // Census populations are reference data shared by the install's engagements, not released figures.
    const areas = await ctx.query<{ id: string; population: number | null }>(`SELECT id, population FROM areas`);
    await this.progress(ctx, reportId, 30, 'Checking consent for every approved quote');

    await this.useCases.run(ctx, Permission.ReportBuild, async (tx) => {
      const { printed, leftOut } = await this.quotesForBuild(tx);
      // Under report.build: the summary is part of the report, not the agreement.manage screens.
      const agreement = await this.agreement.summaryForReport(tx);
      const methods = await this.methods(tx);
      const document = composeDocument({
        version: report.version,
        builtAt: new Date(),
        release: {
          version: release.version,
          contentHash: release.contentHash,
          threshold: release.threshold,
          method: release.method,
          snapshotAt: release.snapshotAt?.toISOString() ?? null,
        },
        cells,
        populations: new Map(areas.map((a) => [a.id, a.population])),
        narrative: report.narrative,
        quotes: printed,
        leftOut,
        methods,
        agreement,
      });
      await this.progress(ctx, reportId, 50, 'Drawing the charts and the web page');
      const html = renderHtml(document, printed, null, this.publicUrl);
      await this.progress(ctx, reportId, 70, 'Drawing the PDF');
      const pdf = await renderPdf(document, printed, null);
      const stage =
        `Built: ${document.figureCount} figures from release ${release.version}, ${printed.length} quotes` +
        (leftOut.length ? `; ${leftOut.length} approved quote(s) left out, consent to be quoted withdrawn` : '');
      await tx.query(
        `UPDATE board_reports SET status = 'READY', progress = 100, stage = $2, document = $3, html = $4, pdf = $5,
           figure_count = $6, quote_count = $7, quotes_left_out = $8, built_at = clock_timestamp() WHERE id = $1`,
        [reportId, stage, JSON.stringify(document), html, pdf, document.figureCount, printed.length, leftOut.length],
      );
      if (printed.length) {
        const ids = printed.map((q) => q.quoteId);
        await tx.query(
          `INSERT INTO report_quotes (report_id, quote_id, position) SELECT $1, id, n FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, n)`,
          [reportId, ids],
        );
        await tx.query(
          `INSERT INTO quote_uses (quote_id, kind, report_id, by_user_id, by_api_key_id)
           SELECT unnest($1::uuid[]), 'REPORT', $2, $3, $4`,
          [ids, reportId, tx.caller.userId, tx.caller.apiKeyId],
        );
      }
      return audited(undefined, {
        action: AuditAction.ReportBuilt,
        entityType: 'report',
        entityId: reportId,
        details: {
          version: report.version,
          release: release.version,
          figures: document.figureCount,
          quotes: printed.length,
          leftOut: leftOut.length,
        },
      });
    });
  }

  /** A build that cannot succeed: the version stays numbered, marked FAILED. */
  async markFailed(ctx: RequestContext, reportId: string): Promise<void> {
    await ctx.query(
      `UPDATE board_reports SET status = 'FAILED', stage = 'The build failed; build again' WHERE id = $1 AND status = 'BUILDING'`,
      [reportId],
    );
  }

  /** Publishes a READY version to council keys (coordinator). */
  async publish(ctx: RequestContext, version: number): Promise<BoardReport> {
    return this.useCases.run(ctx, Permission.ReportPublish, async (tx) => {
      const report = await this.find(tx, version);
      if (!report) throw notFound('Report', 'version');
      if (report.status !== ReportStatus.READY) {
        throw badInput(
          'version',
          `Version ${report.version} is ${report.status}; only a READY version can be published`,
        );
      }
      if (!report.publishedAt) {
        await tx.query(
          `UPDATE board_reports SET published_at = clock_timestamp(), published_by_user_id = $2 WHERE id = $1`,
          [report.id, tx.caller.userId],
        );
      }
      return audited(await tx.manager.findOneByOrFail(BoardReport, { id: report.id }), {
        action: AuditAction.ReportPublished,
        entityType: 'report',
        entityId: report.id,
        details: { version: report.version },
      });
    });
  }

  /** Versions the caller may read, newest first. */
  list(ctx: RequestContext, page: PageArgs): Promise<Page<BoardReport>> {
    ctx.require(Permission.ReportRead);
    return paginate(
      scopeReports(ctx.manager.createQueryBuilder(BoardReport, 'b'), 'b', ctx),
      { column: 'b.version', idColumn: 'b.id', type: 'int', valueOf: (b) => String(b.version) },
      page,
      this.cursors,
    );
  }

  /** A version the caller may read, or the latest when none is given (null when there is none). */
  async find(ctx: RequestContext, version: number | null | undefined): Promise<BoardReport | null> {
    ctx.require(Permission.ReportRead);
    const query = scopeReports(ctx.manager.createQueryBuilder(BoardReport, 'b'), 'b', ctx);
    if (version === null || version === undefined) return query.orderBy('b.version', 'DESC').getOne();
    if (!Number.isInteger(version) || version < 1) throw badInput('version', 'version must be a whole number from 1');
    const report = await query.andWhere('b.version = :version', { version }).getOne();
    if (!report) throw notFound('Report', 'version');
    return report;
  }

  /** The narrative a version was built with, every section in order. */
  narrativeOf(ctx: RequestContext, report: BoardReport): ReportNarrative[] {
    ctx.require(Permission.ReportRead);
    return Object.values(ReportSection).map((section) => ({
      section,
      title: SECTION_TITLES[section],
      markdown: report.narrative[section] ?? '',
      updatedAt: null,
    }));
  }

  /**
   * A READY version's HTML or PDF. Stored at build time; once a quote it printed is withdrawn, or
   * a person named in it is no longer, the stored files are gone and the version is drawn again
   * from its document with the quotes as the register holds them now, saying so.
   */
  async file(ctx: RequestContext, version: number | null, format: ReportFormat): Promise<ReportFile> {
    const report = await this.find(ctx, version);
    if (!report) throw notFound('Report', 'version');
    if (report.status !== ReportStatus.READY) {
      throw badInput('version', `Version ${report.version} is ${report.status}; it has no files yet`);
    }
    const [stored] = await ctx.query<{ file: Buffer | string | null; document: ReportDocument }>(
      `SELECT ${format === 'html' ? 'html' : 'pdf'} AS file, document FROM board_reports WHERE id = $1`,
      [report.id],
    );
    if (stored!.file !== null) {
      return { report, body: Buffer.isBuffer(stored!.file) ? stored!.file : Buffer.from(stored!.file), stored: true };
    }
    const quotes = await this.printedQuotes(ctx, report.id);
    const document = stored!.document;
    const notice =
      report.withdrawnQuotes > 0
        ? `${report.withdrawnQuotes} quote(s) printed in this version when it was built have since been withdrawn by the people quoted; this copy leaves them out.`
        : document.leftOut.some((q) => q.quoteId === null)
          ? 'A quote left out of this version has since been erased with its speaker; this copy no longer names it.'
          : 'A person quoted in this version has since withdrawn their agreement to be named; this copy attributes them by description.';
    const body =
      format === 'html'
        ? Buffer.from(renderHtml(document, quotes, notice, this.publicUrl))
        : await renderPdf(document, quotes, notice);
    return { report, body, stored: false };
  }

  /** The approved quotes the engagement holds now, in the register's order, and those withdrawn since approval. */
  private async quotesForBuild(
    tx: RequestContext,
  ): Promise<{ printed: PrintedQuote[]; leftOut: ReportDocument['leftOut'] }> {
    const params: unknown[] = [tx.engagementId];
    // Locked in id order, as every release build, withdrawal and erasure takes quotes (no deadlock);
    // the withdrawn ones too, so an erasure cannot take one out from under the version's list.
    const locked = await tx.query<QuoteRow & { status: string; created_at: Date }>(
      `SELECT q.id, q.status, q.created_at, q.published_text, coalesce(q.attributed_name, q.description) AS attribution, r.prompt,
              r.participant_id
       FROM quotes q JOIN responses r ON r.id = q.response_id JOIN sessions s ON s.id = r.session_id
       WHERE s.engagement_id = $1
         AND ((q.status = 'APPROVED' AND ${reachSql.sessions(tx, 's', params)})
           OR (q.status = 'WITHDRAWN'
               AND EXISTS (SELECT 1 FROM quote_transitions t WHERE t.quote_id = q.id AND t.to_status = 'APPROVED')))
       ORDER BY q.id
       FOR SHARE OF q`,
      params,
    );
    // Printed in the register's order.
    locked.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));
    const rows = locked.filter((row) => row.status === 'APPROVED');
    const withdrawn = locked.filter((row) => row.status === 'WITHDRAWN');
    const people = [...new Set(rows.flatMap((row) => (row.participant_id ? [row.participant_id] : [])))];
    const standing = await this.consents.standing(tx.as(Caller.system), people, ConsentPurpose.QUOTE);
    const stands = (row: QuoteRow) => !row.participant_id || standing.has(row.participant_id);
    return {
      printed: rows.filter(stands).map(toPrinted),
      leftOut: [
        ...withdrawn.map((row) => ({ quoteId: row.id, reason: 'QUOTE consent withdrawn' })),
        ...rows
          .filter((row) => !stands(row))
          .map((row) => ({ quoteId: row.id, reason: 'QUOTE consent no longer stands' })),
      ],
    };
  }

  /**
   * How the coding work was done, from the engagement's own tables in the builder's reach: the
   * codebook's size and the share of codings taken from suggestions, rounded down to a whole
   * percent (no count of responses or people leaves here; the sessions held and the responses
   * coded are the release's cells).
   */
  private async methods(tx: RequestContext): Promise<MethodsInput> {
    const themes = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM themes WHERE engagement_id = $1`, [
      tx.engagementId,
    ]);
    const work = [tx.engagementId] as unknown[];
    const [coding] = await tx.query<{ codings: number; suggested: number; versions: number[] }>(
      `WITH c AS (SELECT c.* FROM codings c JOIN responses r ON r.id = c.response_id JOIN sessions s ON s.id = r.session_id
                  WHERE s.engagement_id = $1 AND ${reachSql.sessions(tx, 's', work)})
       SELECT (SELECT count(*)::int FROM c) AS codings,
              (SELECT count(*)::int FROM c WHERE from_suggestion) AS suggested,
              ARRAY(SELECT DISTINCT suggestion_model_version FROM c WHERE suggestion_model_version IS NOT NULL
                    ORDER BY 1) AS versions`,
      work,
    );
    return {
      themes: themes[0]!.n,
      suggestedPercent: coding!.codings ? Math.floor((coding!.suggested * 100) / coding!.codings) : null,
      modelVersions: coding!.versions,
    };
  }

  /** The quotes a version printed that are still approved, as the register holds them now. */
  private async printedQuotes(ctx: RequestContext, reportId: string): Promise<PrintedQuote[]> {
    const rows = await ctx.query<QuoteRow>(
      `SELECT q.id, q.published_text, coalesce(q.attributed_name, q.description) AS attribution, r.prompt, r.participant_id
       FROM report_quotes rq JOIN quotes q ON q.id = rq.quote_id JOIN responses r ON r.id = q.response_id
       WHERE rq.report_id = $1 AND q.status = 'APPROVED' ORDER BY rq.position`,
      [reportId],
    );
    return rows.map(toPrinted);
  }

  /** Progress seen at once by whoever watches (its own statement, outside the build's transaction). */
  private async progress(ctx: RequestContext, reportId: string, progress: number, stage: string): Promise<void> {
    await ctx.dataSource.query(
      `UPDATE board_reports SET progress = $2, stage = $3 WHERE id = $1 AND status = 'BUILDING'`,
      [reportId, progress, stage],
    );
  }
}

const toPrinted = (row: QuoteRow): PrintedQuote => ({
  quoteId: row.id,
  prompt: row.prompt,
  text: row.published_text,
  attribution: row.attribution,
});
