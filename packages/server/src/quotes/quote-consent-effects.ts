import { ConsentPurpose } from '@chorus/shared';
import { AuditAction, type AuditEntry } from '../audit/audit-action.js';
import type { TableTouched } from '../db/references.js';
import type { RequestContext } from '../db/request-context.js';
import { withoutQuotes, type ReportDocument } from '../reports/report-document.js';

/**
 * What a consent change does to a person's quotes, run inside the withdrawal's (or erasure's)
 * transaction, so no export, release or report built afterwards can see a quote the person has
 * taken back. The participant is locked by the caller.
 */
export class QuoteConsentEffects {
  async withdrawn(tx: RequestContext, participantId: string, purpose: ConsentPurpose): Promise<AuditEntry[]> {
    switch (purpose) {
      case ConsentPurpose.QUOTE:
        return this.quoteWithdrawn(tx, participantId);
      case ConsentPurpose.ATTRIBUTION:
        return this.namingWithdrawn(tx, participantId);
      case ConsentPurpose.PARTICIPATION:
        // Their responses are deleted next, and their quotes with them.
        await this.markRemoved(tx, participantId, 'PARTICIPATION_WITHDRAWN');
        return [];
      default:
        return [];
    }
  }

  /**
   * Before an erasure deletes the person: the releases and reports that listed their quotes say one
   * was removed, and the reports' stored files, which held their words, are cleared.
   */
  erased(tx: RequestContext, participantId: string): Promise<TableTouched[]> {
    return this.markRemoved(tx, participantId, 'ERASED');
  }

  /**
   * Every quote of theirs becomes WITHDRAWN (whatever its step), loses any name, and leaves every
   * release that listed it; each such release keeps a removal mark with no personal data.
   */
  private async quoteWithdrawn(tx: RequestContext, participantId: string): Promise<AuditEntry[]> {
    const moved = await tx.query<{ id: string }>(
      `WITH theirs AS (
         SELECT q.id, q.status FROM quotes q JOIN responses r ON r.id = q.response_id
         WHERE r.participant_id = $1 AND q.status <> 'WITHDRAWN' ORDER BY q.id FOR UPDATE OF q
       ), moved AS (
         UPDATE quotes q SET status = 'WITHDRAWN', attributed_name = NULL, updated_at = now()
         FROM theirs WHERE q.id = theirs.id RETURNING q.id
       ), stepped AS (
         INSERT INTO quote_transitions (quote_id, from_status, to_status, by_user_id, by_api_key_id, reason)
         SELECT id, status, 'WITHDRAWN', $2, $3, 'QUOTE consent withdrawn' FROM theirs
       )
       SELECT id FROM moved`,
      [participantId, tx.caller.userId, tx.caller.apiKeyId],
    );
    if (!moved.length) return [];
    const ids = moved.map((row) => row.id);
    await tx.query(
      `WITH gone AS (DELETE FROM release_quotes WHERE quote_id = ANY($1::uuid[]) RETURNING release_id, quote_id)
       INSERT INTO release_quote_removals (release_id, quote_id, reason) SELECT release_id, quote_id, 'QUOTE_WITHDRAWN' FROM gone`,
      [ids],
    );
    await this.markReports(
      tx,
      `SELECT report_id, quote_id FROM report_quotes WHERE quote_id = ANY($1::uuid[])`,
      [ids],
      'QUOTE_WITHDRAWN',
    );
    return ids.map((id) => ({ action: AuditAction.QuotesWithdrawn, entityType: 'quote' as const, entityId: id }));
  }

  /** Named quotes go back to their descriptions. */
  private async namingWithdrawn(tx: RequestContext, participantId: string): Promise<AuditEntry[]> {
    const unnamed = await tx.query<{ id: string }>(
      `WITH unnamed AS (
         UPDATE quotes q SET attributed_name = NULL, updated_at = now()
         FROM responses r WHERE r.id = q.response_id AND r.participant_id = $1 AND q.attributed_name IS NOT NULL
         RETURNING q.id, q.status
       ), stepped AS (
         INSERT INTO quote_transitions (quote_id, from_status, to_status, by_user_id, by_api_key_id, reason)
         SELECT id, status, status, $2, $3, 'ATTRIBUTION consent withdrawn: attributed by its description' FROM unnamed
       )
       SELECT id FROM unnamed`,
      [participantId, tx.caller.userId, tx.caller.apiKeyId],
    );
    // Reports built while they were named: their stored files named them, so they are drawn again.
    await tx.query(
      `UPDATE board_reports SET html = NULL, pdf = NULL
       WHERE id IN (SELECT report_id FROM report_quotes WHERE quote_id = ANY($1::uuid[]))`,
      [unnamed.map((row) => row.id)],
    );
    return unnamed.map((row) => ({ action: AuditAction.QuotesNamedNoLonger, entityType: 'quote', entityId: row.id }));
  }

  /**
   * Releases and reports listing quotes about to be deleted keep a mark that one was removed,
   * naming no quote. Their quotes are locked first, in the order every build takes them (by id): a
   * release or report build holding them (FOR SHARE) finishes before the marks are made, so its
   * printing is marked too; a build that has not reached them yet waits, and then finds them deleted.
   * Built versions' documents forget the quotes' ids, printed or left out.
   */
  private async markRemoved(tx: RequestContext, participantId: string, reason: string): Promise<TableTouched[]> {
    const quotes = await tx.query<{ id: string }>(
      `SELECT q.id FROM quotes q JOIN responses r ON r.id = q.response_id
       WHERE r.participant_id = $1 ORDER BY q.id FOR UPDATE OF q`,
      [participantId],
    );
    const forgotten = await this.forgetInDocuments(
      tx,
      quotes.map((q) => q.id),
    );
    const [releases] = await tx.query<{ n: number }>(
      `WITH marked AS (
         INSERT INTO release_quote_removals (release_id, quote_id, reason)
         SELECT rq.release_id, NULL, $2 FROM release_quotes rq
         JOIN quotes q ON q.id = rq.quote_id JOIN responses r ON r.id = q.response_id
         WHERE r.participant_id = $1 RETURNING 1
       ) SELECT count(*)::int AS n FROM marked`,
      [participantId, reason],
    );
    const reports = await this.markReports(
      tx,
      `SELECT rq.report_id, NULL::uuid AS quote_id FROM report_quotes rq
       JOIN quotes q ON q.id = rq.quote_id JOIN responses r ON r.id = q.response_id WHERE r.participant_id = $1`,
      [participantId],
      reason,
    );
    return [
      { table: 'release_quote_removals', rows: releases!.n },
      { table: 'report_quote_removals', rows: reports.marks },
      { table: 'board_reports', rows: Math.max(reports.reports, forgotten) },
    ].filter((t) => t.rows > 0);
  }

  /**
   * Report versions whose document names any of these quotes (printed, or left out for want of
   * consent) keep it without their ids, and lose their stored files. Returns how many changed.
   */
  private async forgetInDocuments(tx: RequestContext, quoteIds: string[]): Promise<number> {
    if (!quoteIds.length) return 0;
    const rows = await tx.query<{ id: string; document: ReportDocument }>(
      `SELECT id, document FROM board_reports
       WHERE engagement_id = $1 AND document IS NOT NULL
         AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS q(id) WHERE strpos(document::text, q.id) > 0)
       ORDER BY id FOR UPDATE`,
      [tx.engagementId, quoteIds],
    );
    for (const row of rows) {
      // The stored files named the quotes too: a download draws the version again.
      await tx.query(`UPDATE board_reports SET document = $2, html = NULL, pdf = NULL WHERE id = $1`, [
        row.id,
        JSON.stringify(withoutQuotes(row.document, new Set(quoteIds))),
      ]);
    }
    return rows.length;
  }

  /**
   * Reports that printed the quotes `printed` selects (report_id, quote_id) are marked as containing
   * a withdrawn quote, and lose their stored files, which held its words: a download draws the
   * version again without it. The mark names the quote only while the quote still exists.
   */
  private async markReports(
    tx: RequestContext,
    printed: string,
    params: unknown[],
    reason: string,
  ): Promise<{ marks: number; reports: number }> {
    const [counts] = await tx.query<{ marks: number; reports: number }>(
      `WITH printed AS (${printed}),
       marked AS (
         INSERT INTO report_quote_removals (report_id, quote_id, reason)
         SELECT report_id, quote_id, $${params.length + 1} FROM printed RETURNING 1
       ),
       cleared AS (
         UPDATE board_reports b SET html = NULL, pdf = NULL, withdrawn_quotes = b.withdrawn_quotes + p.n
         FROM (SELECT report_id, count(*)::int AS n FROM printed GROUP BY report_id) p WHERE b.id = p.report_id
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM marked) AS marks, (SELECT count(*)::int FROM cleared) AS reports`,
      [...params, reason],
    );
    return counts!;
  }
}
