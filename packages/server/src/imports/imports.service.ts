import { createHmac } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConsentMethod, ConsentPurpose, ErrorCode, Permission, Prompt, SessionStatus } from '@chorus/shared';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ownOrganisation, reachSql } from '../access/tenancy.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, consentRequired, DomainError, notFound } from '../common/errors.js';
import { pageOf, pageSize, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { knownNotice, noticeVersionsOf } from '../consents/consents.service.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { newParticipantCode } from '../participants/codes.js';
import type { ParticipantsService } from '../participants/participants.service.js';
import { Redactor } from '../responses/redaction.js';
import type { SafeguardingRules } from '../safeguarding/safeguarding-rules.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { fileRows, importFormat, type FileRow, type ImportFormat } from './import-file.js';
import { ANSWER_COLUMN, checks, CONSENT_COLUMN, sql, STAGED_COLUMNS } from './import-sql.js';
import { runImportTask } from './run-import.task.js';

/** Largest file an import takes, and most rows. */
export const IMPORT_LIMITS = { bytes: 512 * 1024 * 1024, rows: 2_000_000 } as const;

export enum ImportStatus {
  WAITING_FOR_FILE = 'WAITING_FOR_FILE',
  CHECKED = 'CHECKED',
  INVALID = 'INVALID',
  QUEUED = 'QUEUED',
  IMPORTING = 'IMPORTING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  DUPLICATE = 'DUPLICATE',
}

/** Which column of the file holds what; names as in the file's heading row. */
export interface ImportColumns {
  answers: { prompt: Prompt; column: string }[];
  consents: { purpose: ConsentPurpose; column: string }[];
  connections: string;
  area?: string | null;
  ageBand?: string | null;
  language?: string | null;
}

export interface CreateImportData {
  sessionId: string;
  fileName: string;
  columns: ImportColumns;
  consentMethod: ConsentMethod;
  noticeVersion: string;
}

export interface ResponseImport {
  id: string;
  sessionId: string;
  fileName: string;
  format: ImportFormat | null;
  status: ImportStatus;
  rows: number;
  errorCount: number;
  progress: number;
  stage: string | null;
  participantsStored: number;
  responsesStored: number;
  flagsRaised: number;
  duplicateOf: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

interface ImportRow {
  id: string;
  session_id: string;
  organisation_id: string | null;
  file_name: string;
  format: ImportFormat | null;
  columns: ImportColumns;
  consent_method: ConsentMethod;
  notice_version: string;
  file_digest: Buffer | null;
  rule_set_version: number | null;
  status: ImportStatus;
  duplicate_of: string | null;
  rows: number;
  error_count: number;
  progress: number;
  stage: string | null;
  participants_stored: number;
  responses_stored: number;
  flags_raised: number;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const toImport = (row: ImportRow): ResponseImport => ({
  id: row.id,
  sessionId: row.session_id,
  fileName: row.file_name,
  format: row.format,
  status: row.status,
  rows: row.rows,
  errorCount: row.error_count,
  progress: row.progress,
  stage: row.stage,
  participantsStored: row.participants_stored,
  responsesStored: row.responses_stored,
  flagsRaised: row.flags_raised,
  duplicateOf: row.duplicate_of,
  createdAt: new Date(row.created_at),
  finishedAt: row.finished_at ? new Date(row.finished_at) : null,
});

/** Rows of the file sent to COPY per write: large enough to amortise, small enough to keep memory flat. */
const COPY_ROWS = 2_000;
const PARTICIPANT_CODE_ROUNDS = 10;
/**
 * The statement timeout of an import's own statements (the COPY of a whole file, a million-row
 * INSERT … SELECT) in place of the API's 15 s: bounded, so a stuck one still ends.
 */
const IMPORT_STATEMENT_TIMEOUT = '15min';

/** COPY's text format: backslash, tab and line breaks escaped; \N is null. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyText = (value: string | null) =>
  value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);

/**
 * Bulk import of answers from a partner's spreadsheet or a survey tool's export. A coordinator
 * or partner names the session and which column holds what (`create`), sends the file
 * (`stage`: read as it arrives, answers redacted and matched against the safeguarding rules,
 * COPY into the staging table, every row's errors found in SQL), then starts it (`start`): a
 * job stores every row or none (`run`): participants, their consent decisions and responses, one
 * INSERT … SELECT per table in one transaction. A file is stored once per session: its HMAC
 * under a server key identifies it.
 */
export class ImportsService {
  constructor(
    private readonly fileKey: Buffer,
    private readonly sessions: SessionsService,
    private readonly participants: ParticipantsService,
    private readonly safeguarding: SafeguardingRules,
    private readonly jobs: JobQueue,
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  create(ctx: RequestContext, input: CreateImportData): Promise<ResponseImport> {
    return this.useCases.run(ctx, Permission.ResponseImport, async (tx) => {
      const columns = validColumns(input.columns);
      const fileName = validate.requiredText('fileName', input.fileName);
      const noticeVersion = knownNotice(
        await noticeVersionsOf(tx, tx.engagementId),
        'noticeVersion',
        validate.requiredText('noticeVersion', input.noticeVersion),
      );
      if (!Object.values(ConsentMethod).includes(input.consentMethod)) {
        throw badInput('consentMethod', `consentMethod must be one of ${Object.values(ConsentMethod).join(', ')}`);
      }
      const session = await this.sessions.get(tx, input.sessionId, 'sessionId');
      if (session.status === SessionStatus.CANCELLED) throw badInput('sessionId', 'this session was cancelled');
      const [row] = await tx.query<ImportRow>(
        `INSERT INTO response_imports (engagement_id, session_id, organisation_id, file_name, columns, consent_method,
           notice_version, created_by_user_id, created_by_api_key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          tx.engagementId,
          session.id,
          ownOrganisation(tx.caller) ?? session.organisationId,
          fileName,
          JSON.stringify(columns),
          input.consentMethod,
          noticeVersion,
          tx.caller.userId,
          tx.caller.apiKeyId,
        ],
      );
      return { result: toImport(row!), audit: [] };
    });
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<ResponseImport> {
    return toImport(await this.find(ctx, rawId, field));
  }

  /** Every row-level problem, by row then column, a page at a time. */
  async errors(ctx: RequestContext, importId: string, page: PageArgs): Promise<Page<ImportRowError>> {
    const found = await this.find(ctx, importId, 'id');
    const first = pageSize(page.first);
    const [row, position] = page.after ? this.cursors.decode(`import-errors:${found.id}`, page.after) : ['0', '-1'];
    const rows = await ctx.query<{ row_number: number; position: number; column_name: string; reason: string }>(
      `SELECT row_number, position, column_name, reason FROM response_import_errors
       WHERE import_id = $1 AND (row_number, position) > ($2::int, $3::int) ORDER BY row_number, position LIMIT $4`,
      [found.id, row, position, first + 1],
    );
    return pageOf(
      rows.map((r) => ({ row: r.row_number, column: r.column_name, reason: r.reason, position: r.position })),
      first,
      page,
      (e) => this.cursors.encode(`import-errors:${found.id}`, String(e.row), String(e.position)),
      () => Promise.resolve(found.error_count),
    );
  }

  /** The file's heading row: its column names, for mapping. Reads no further than the first row. */
  async columns(ctx: RequestContext, body: Readable, contentType: string | undefined): Promise<string[]> {
    ctx.require(Permission.ResponseImport);
    const format = importFormat(contentType);
    for await (const row of fileRows(body, format)) return row.cells.map((cell) => cell.trim());
    throw badInput('file', 'The file is empty: its first row must name the columns');
  }

  /**
   * Reads the file as it arrives into the staging table and checks every row; the import comes
   * back CHECKED (ready to start) or INVALID (its errors listed, nothing staged kept).
   */
  async stage(ctx: RequestContext, rawId: string, body: Readable, contentType: string | undefined) {
    ctx.require(Permission.ResponseImport);
    const format = importFormat(contentType);
    const found = await this.find(ctx, rawId, 'id');
    if (found.status !== ImportStatus.WAITING_FOR_FILE) {
      throw badInput('id', 'This import already has its file; create a new import to send another');
    }
    const [names, matcher] = await Promise.all([this.participants.knownNames(ctx), this.safeguarding.matcher(ctx)]);
    const redactor = new Redactor(names);
    const digest = createHmac('sha256', this.fileKey).update(`${found.session_id}\n`);
    let bytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > IMPORT_LIMITS.bytes)
          return done(badInput('file', `The file is larger than ${IMPORT_LIMITS.bytes} bytes`));
        digest.update(chunk);
        done(null, chunk);
      },
    });
    body.on('error', (error) => counted.destroy(error));
    const rows = fileRows(body.pipe(counted), format);
    let staged = 0;

    const runner = ctx.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('statement_timeout', $1, true)`, [IMPORT_STATEMENT_TIMEOUT]);
      const locked = await client.query<{ status: ImportStatus }>(
        `SELECT status FROM response_imports WHERE id = $1 FOR UPDATE`,
        [found.id],
      );
      if (locked.rows[0]?.status !== ImportStatus.WAITING_FOR_FILE) {
        throw badInput('id', 'This import already has its file; create a new import to send another');
      }
      const lines = async function* (): AsyncGenerator<string> {
        const first = await rows.next();
        if (first.done) throw badInput('file', 'The file is empty: its first row must name the columns');
        const at = positions(found.columns, first.value);
        let chunk = '';
        let inChunk = 0;
        for await (const { number, cells } of rows) {
          if (cells.every((cell) => !cell || !cell.trim())) continue;
          if (++staged > IMPORT_LIMITS.rows)
            throw badInput('file', `The file has more than ${IMPORT_LIMITS.rows} rows`);
          const cell = (index: number | undefined) => (index === undefined ? null : (cells[index] ?? ''));
          const flags: { prompt: Prompt; category: string; rule: string }[] = [];
          const answers = Object.values(Prompt).map((prompt) => {
            const raw = cell(at.answers.get(prompt));
            if (raw === null || !raw.trim()) return raw;
            const text = redactor.redact(raw);
            for (const match of matcher.rules.match(text)) flags.push({ prompt, ...match });
            return text;
          });
          const fields = [
            found.id,
            String(number),
            newParticipantCode(),
            cell(at.connections),
            cell(at.area),
            cell(at.ageBand),
            cell(at.language),
            ...Object.values(ConsentPurpose).map((purpose) => cell(at.consents.get(purpose))),
            ...answers,
            flags.length ? JSON.stringify(flags) : null,
          ];
          chunk += `${fields.map(copyText).join('\t')}\n`;
          if (++inChunk === COPY_ROWS) {
            yield chunk;
            chunk = '';
            inChunk = 0;
          }
        }
        if (chunk) yield chunk;
      };
      await pipeline(
        Readable.from(lines()),
        client.query(copyFrom(`COPY response_import_rows (${STAGED_COLUMNS.join(', ')}) FROM STDIN`)),
      );
      if (!staged) throw badInput('file', 'The file has no rows under its heading row');
      const params: unknown[] = [found.id];
      const checked = await client.query<{ n: number }>(
        `WITH found AS (
           INSERT INTO response_import_errors (import_id, row_number, position, column_name, reason)
           SELECT r.import_id, r.row_number, e.position, e.column_name, e.reason
           FROM response_import_rows r CROSS JOIN LATERAL ${checks(found.columns, params)} AS e(position, column_name, reason)
           WHERE r.import_id = $1 AND e.reason IS NOT NULL
           RETURNING 1)
         SELECT count(*)::int AS n FROM found`,
        params,
      );
      const errorCount = checked.rows[0]!.n;
      const status = errorCount ? ImportStatus.INVALID : ImportStatus.CHECKED;
      // A file that cannot be imported keeps nothing but its report.
      if (errorCount) await client.query(`DELETE FROM response_import_rows WHERE import_id = $1`, [found.id]);
      await client.query(
        `UPDATE response_imports SET status = $2, format = $3, file_digest = $4, rule_set_version = $5, rows = $6,
           error_count = $7, stage = $8 WHERE id = $1`,
        [
          found.id,
          status,
          format,
          digest.digest(),
          matcher.version,
          staged,
          errorCount,
          errorCount ? `${errorCount} problem(s) to correct` : 'Checked: ready to import',
        ],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    await this.useCases.record(ctx, {
      action: AuditAction.ResponsesImportUploaded,
      entityType: 'response_import',
      entityId: found.id,
      details: { rows: staged, bytes },
    });
    return this.get(ctx, found.id);
  }

  /**
   * Queues a checked import. Starting it again, or starting another import of the same file into
   * the same session, stores nothing more: the second comes back DUPLICATE, naming the first.
   */
  start(ctx: RequestContext, rawId: string): Promise<ResponseImport> {
    return this.useCases.run(ctx, Permission.ResponseImport, async (tx) => {
      const found = await this.find(tx, rawId, 'id', true);
      if (
        [ImportStatus.QUEUED, ImportStatus.IMPORTING, ImportStatus.DONE, ImportStatus.DUPLICATE].includes(found.status)
      ) {
        return { result: toImport(found), audit: [] };
      }
      if (found.status === ImportStatus.INVALID) {
        throw badInput('id', 'This file has problems: correct the rows listed and upload it again');
      }
      if (found.status !== ImportStatus.CHECKED) throw badInput('id', 'Upload the file first');
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext('chorus:import-file'), hashtext(encode($1::bytea, 'hex')))`,
        [found.file_digest],
      );
      const [earlier] = await tx.query<{ id: string }>(
        `SELECT id FROM response_imports WHERE engagement_id = $1 AND file_digest = $2 AND id <> $3
           AND status IN ('QUEUED', 'IMPORTING', 'DONE')`,
        [tx.engagementId, found.file_digest, found.id],
      );
      if (earlier) {
        await tx.query(`DELETE FROM response_import_rows WHERE import_id = $1`, [found.id]);
        const [row] = await tx.query<ImportRow>(
          `WITH u AS (
             UPDATE response_imports SET status = 'DUPLICATE', duplicate_of = $2,
               stage = 'This file was already imported into this session', finished_at = now()
             WHERE id = $1 RETURNING *)
           SELECT * FROM u`,
          [found.id, earlier.id],
        );
        return { result: toImport(row!), audit: [] };
      }
      const [row] = await tx.query<ImportRow>(
        `WITH u AS (UPDATE response_imports SET status = 'QUEUED', stage = 'Waiting for the job queue' WHERE id = $1 RETURNING *)
         SELECT * FROM u`,
        [found.id],
      );
      await this.jobs.enqueue(tx, runImportTask, { importId: found.id }, { maxAttempts: 3 });
      return audited(toImport(row!), {
        action: AuditAction.ResponsesImportStarted,
        entityType: 'response_import',
        entityId: found.id,
        details: { rows: found.rows },
      });
    });
  }

  /**
   * The job: stores every staged row in one transaction, or none. Progress is written outside it,
   * so the screen sees it move; the transaction touches the import's own row only at the end.
   */
  async run(ctx: RequestContext, importId: string): Promise<void> {
    ctx.require(Permission.ResponseImport);
    const found = await this.find(ctx, importId, 'importId');
    if (found.status !== ImportStatus.QUEUED && found.status !== ImportStatus.IMPORTING) return;
    await this.progress(ctx, found.id, 5, 'Storing participants', ImportStatus.IMPORTING);
    await this.useCases.run(ctx, Permission.ResponseImport, async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [IMPORT_STATEMENT_TIMEOUT]);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:import-run'), hashtext($1::text))`, [found.id]);
      const [again] = await tx.query<{ status: ImportStatus }>(`SELECT status FROM response_imports WHERE id = $1`, [
        found.id,
      ]);
      if (again?.status !== ImportStatus.IMPORTING) return { result: null, audit: [] };
      const session = await this.sessions.get(tx, found.session_id, 'sessionId');
      if (session.status === SessionStatus.CANCELLED) throw badInput('sessionId', 'this session was cancelled');
      const [count] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM response_import_rows WHERE import_id = $1`,
        [found.id],
      );
      if (count!.n !== found.rows) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          'The checked rows are gone (the database restarted): upload the file again',
          'id',
        );
      }
      const c = found.columns;
      const col = (
        staged: string,
        mapped: string | null | undefined,
        value: (col: string) => string,
        absent: string,
      ) => (mapped ? value(`r.${staged}`) : absent);
      let participants = 0;
      for (let round = 0; participants < found.rows; round++) {
        if (round === PARTICIPANT_CODE_ROUNDS) throw new Error('could not find free participant codes');
        if (round > 0) {
          // Codes already taken (by someone else, or twice in the file): draw those rows again.
          const left = await tx.query<{ participant_id: string }>(
            `SELECT r.participant_id FROM response_import_rows r WHERE r.import_id = $1
               AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = r.participant_id)`,
            [found.id],
          );
          await tx.query(
            `UPDATE response_import_rows r SET code = t.code FROM unnest($2::uuid[], $3::text[]) AS t(id, code)
             WHERE r.import_id = $1 AND r.participant_id = t.id`,
            [found.id, left.map((l) => l.participant_id), left.map(() => newParticipantCode())],
          );
        }
        const inserted = await tx.query<{ n: number }>(
          `WITH stored AS (
             INSERT INTO participants (id, engagement_id, code, session_id, organisation_id, area_id, connections, age_band)
             SELECT r.participant_id, $2, r.code, $3, $4, ${col('area', c.area, sql.area, 'NULL::uuid')},
                    ${sql.connections('r.connections')}, ${col('age_band', c.ageBand, sql.ageBand, 'NULL')}
             FROM response_import_rows r
             WHERE r.import_id = $1 ${round ? 'AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = r.participant_id)' : ''}
             ON CONFLICT (engagement_id, code) DO NOTHING RETURNING 1)
           SELECT count(*)::int AS n FROM stored`,
          [found.id, tx.engagementId, session.id, found.organisation_id],
        );
        participants += inserted[0]!.n;
      }
      await this.progress(ctx, found.id, 35, 'Recording consent');
      const consents = await tx.query<{ purpose: ConsentPurpose; granted: boolean; n: number }>(
        `WITH stored AS (
           INSERT INTO consent_events (participant_id, purpose, granted, method, notice_version, recorded_by_user_id, recorded_by_api_key_id)
           SELECT r.participant_id, d.purpose, d.granted, $2, $3, $4, $5
           FROM response_import_rows r CROSS JOIN LATERAL (VALUES ${c.consents
             .map(({ purpose }) => `('${purpose}', ${sql.consent(`r.${CONSENT_COLUMN[purpose]}`)})`)
             .join(', ')}) AS d(purpose, granted)
           WHERE r.import_id = $1 AND d.granted IS NOT NULL
           RETURNING purpose, granted)
         SELECT purpose, granted, count(*)::int AS n FROM stored GROUP BY purpose, granted`,
        [found.id, found.consent_method, found.notice_version, tx.caller.userId, tx.caller.apiKeyId],
      );
      const participation = consents.find((r) => r.purpose === ConsentPurpose.PARTICIPATION && r.granted)?.n ?? 0;
      // The checks refused every row without it; this guards the rule itself.
      if (participation !== participants) {
        throw consentRequired('Every imported row needs PARTICIPATION consent granted', 'columns.consents');
      }
      await this.progress(ctx, found.id, 55, 'Storing responses and checking them for safeguarding');
      const [stored] = await tx.query<{ responses: number; flags: number }>(
        `WITH stored AS (
           INSERT INTO responses (session_id, source, participant_id, position, prompt, text, language)
           SELECT $2, 'IMPORT', r.participant_id, a.position, a.prompt, a.text,
                  ${col('language', c.language, sql.language, `'en'`)}
           FROM response_import_rows r CROSS JOIN LATERAL (VALUES ${c.answers
             .map(({ prompt }) => `(${Object.values(Prompt).indexOf(prompt)}, '${prompt}', r.${ANSWER_COLUMN[prompt]})`)
             .join(', ')}) AS a(position, prompt, text)
           WHERE r.import_id = $1 AND NOT ${sql.blank('a.text')}
           RETURNING id, participant_id, prompt),
         flagged AS (
           INSERT INTO safeguarding_flags (engagement_id, response_id, category, source, rule_set_version, rule_label)
           SELECT $3, s.id, f.category, 'RULE', $4, f.rule
           FROM response_import_rows r JOIN stored s ON s.participant_id = r.participant_id
           CROSS JOIN LATERAL jsonb_to_recordset(r.flags) AS f(prompt text, category text, rule text)
           WHERE r.import_id = $1 AND r.flags IS NOT NULL AND f.prompt = s.prompt
           RETURNING id, response_id, category),
         audit AS (
           INSERT INTO audit_events (actor_user_id, actor_api_key_id, engagement_id, request_id, action, entity_type, entity_id, details)
           SELECT $5, $6, $3, $7, '${AuditAction.SafeguardingFlagRaised}', 'safeguarding_flag', f.id,
                  jsonb_build_object('category', f.category, 'source', 'RULE', 'responseId', f.response_id)
           FROM flagged f RETURNING 1)
         SELECT (SELECT count(*) FROM stored)::int AS responses, (SELECT count(*) FROM audit)::int AS flags`,
        [
          found.id,
          session.id,
          tx.engagementId,
          found.rule_set_version ?? 0,
          tx.caller.userId,
          tx.caller.apiKeyId,
          tx.requestId,
        ],
      );
      await this.progress(ctx, found.id, 90, 'Finishing');
      await tx.query(
        `UPDATE response_imports SET status = 'DONE', progress = 100, stage = $2, participants_stored = $3,
           responses_stored = $4, flags_raised = $5, finished_at = now() WHERE id = $1`,
        [
          found.id,
          `Imported: ${participants} participants, ${stored!.responses} responses`,
          participants,
          stored!.responses,
          stored!.flags,
        ],
      );
      return audited(null, {
        action: AuditAction.ResponsesImported,
        entityType: 'response_import',
        entityId: found.id,
        details: {
          participants,
          responses: stored!.responses,
          flags: stored!.flags,
          ...Object.fromEntries(
            consents.map((r) => [`${r.purpose.toLowerCase()}_${r.granted ? 'granted' : 'refused'}`, r.n]),
          ),
        },
      });
    });
    await ctx.transaction(async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [IMPORT_STATEMENT_TIMEOUT]);
      await tx.query(`DELETE FROM response_import_rows WHERE import_id = $1`, [found.id]);
    });
  }

  /** A refused or finally failed job: says so, keeps nothing staged. */
  async markFailed(ctx: RequestContext, importId: string, reason: string): Promise<void> {
    await ctx.query(
      `UPDATE response_imports SET status = 'FAILED', stage = $2, finished_at = now()
       WHERE id = $1 AND status IN ('QUEUED', 'IMPORTING')`,
      [importId, reason],
    );
    await ctx.query(`DELETE FROM response_import_rows WHERE import_id = $1`, [importId]);
  }

  /** Progress seen at once by whoever watches (its own statement, outside the job's transaction). */
  private async progress(ctx: RequestContext, id: string, progress: number, stage: string, status?: ImportStatus) {
    await ctx.dataSource.query(
      `UPDATE response_imports SET progress = $2, stage = $3, status = coalesce($4, status)
       WHERE id = $1 AND status IN ('QUEUED', 'IMPORTING')`,
      [id, progress, stage, status ?? null],
    );
  }

  /** An import of a session in the caller's reach (tenancy), NOT_FOUND otherwise. */
  private async find(ctx: RequestContext, rawId: string, field: string, lock = false): Promise<ImportRow> {
    ctx.require(Permission.ResponseImport);
    const params: unknown[] = [validate.id(field, rawId)];
    const [row] = await ctx.query<ImportRow>(
      `SELECT i.* FROM response_imports i JOIN sessions s ON s.id = i.session_id
       WHERE i.id = $1 AND ${reachSql.sessions(ctx, 's', params)} ${lock ? 'FOR UPDATE OF i' : ''}`,
      params,
    );
    if (!row) throw notFound('Import', field);
    return row;
  }
}

/** The mapping as given, checked: at least one answer, PARTICIPATION required, names distinct per field. */
function validColumns(columns: ImportColumns): ImportColumns {
  const name = (field: string, value: string | null | undefined) => validate.optionalText(field, value);
  if (!columns.answers?.length) throw badInput('columns.answers', 'Map at least one column to a prompt');
  validate.distinct(
    'columns.answers',
    columns.answers.map((a) => a.prompt),
  );
  validate.distinct(
    'columns.consents',
    columns.consents.map((c) => c.purpose),
  );
  if (!columns.consents.some((c) => c.purpose === ConsentPurpose.PARTICIPATION)) {
    throw consentRequired(
      'Map the column that records PARTICIPATION consent: nothing is kept without it',
      'columns.consents',
    );
  }
  return {
    answers: columns.answers.map((a, i) => ({
      prompt: a.prompt,
      column: validate.requiredText(`columns.answers.${i}.column`, a.column),
    })),
    consents: columns.consents.map((c, i) => ({
      purpose: c.purpose,
      column: validate.requiredText(`columns.consents.${i}.column`, c.column),
    })),
    connections: validate.requiredText('columns.connections', columns.connections),
    area: name('columns.area', columns.area),
    ageBand: name('columns.ageBand', columns.ageBand),
    language: name('columns.language', columns.language),
  };
}

/** Where each mapped column is in the heading row; BAD_USER_INPUT naming the mapping field of a column the file lacks. */
function positions(columns: ImportColumns, heading: FileRow) {
  const names = heading.cells.map((cell) => cell.trim().toLowerCase());
  const at = (field: string, column: string) => {
    const index = names.indexOf(column.trim().toLowerCase());
    if (index < 0) throw badInput(field, `The file has no column "${column}"`);
    if (names.indexOf(column.trim().toLowerCase(), index + 1) >= 0) {
      throw badInput(field, `The file has two columns called "${column}"`);
    }
    return index;
  };
  const optional = (field: string, column: string | null | undefined) => (column ? at(field, column) : undefined);
  return {
    answers: new Map(columns.answers.map((a, i) => [a.prompt, at(`columns.answers.${i}.column`, a.column)])),
    consents: new Map(columns.consents.map((c, i) => [c.purpose, at(`columns.consents.${i}.column`, c.column)])),
    connections: at('columns.connections', columns.connections),
    area: optional('columns.area', columns.area),
    ageBand: optional('columns.ageBand', columns.ageBand),
    language: optional('columns.language', columns.language),
  };
}
