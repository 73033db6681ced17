import { FlagSource, FlagStatus, Permission, type Prompt, type SafeguardingCategory } from '@chorus/shared';
import type { UseCases } from '../access/use-case.js';
import { AuditAction, type AuditEntry } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import { pageOf, pageSize, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import type { ResponsesService } from '../responses/responses.service.js';
import { raised } from './safeguarding-rules.service.js';

export interface Flag {
  id: string;
  category: SafeguardingCategory;
  source: FlagSource;
  status: FlagStatus;
  ruleSetVersion: number | null;
  rule: string | null;
  raisedAt: Date;
  raisedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  response: FlaggedResponse;
}

export interface FlaggedResponse {
  id: string;
  sessionId: string;
  prompt: Prompt;
  text: string;
  language: string;
  createdAt: Date;
}

export interface FlagAction {
  id: string;
  flagId: string;
  action: string;
  recordedAt: Date;
  recordedBy: string | null;
}

export interface FlagFilter {
  status?: FlagStatus | null;
  category?: SafeguardingCategory | null;
}

const SCOPE = 'safeguarding_flags created_at DESC';
const ACTION_LENGTH = 2000;

const FLAG_COLUMNS = `f.id, f.category, f.source, f.status, f.rule_set_version, f.rule_label, f.created_at, f.closed_at,
  raiser.display_name AS raised_by, closer.display_name AS closed_by,
  r.id AS response_id, r.session_id, r.prompt, r.text, r.language, r.created_at AS response_created_at`;
const FLAG_FROM = `safeguarding_flags f JOIN responses r ON r.id = f.response_id
  LEFT JOIN users raiser ON raiser.id = f.raised_by_user_id LEFT JOIN users closer ON closer.id = f.closed_by_user_id`;

type FlagRow = {
  id: string;
  category: SafeguardingCategory;
  source: FlagSource;
  status: FlagStatus;
  rule_set_version: number | null;
  rule_label: string | null;
  created_at: Date | string;
  closed_at: Date | string | null;
  raised_by: string | null;
  closed_by: string | null;
  response_id: string;
  session_id: string;
  prompt: Prompt;
  text: string;
  language: string;
  response_created_at: Date | string;
};

const date = (value: Date | string) => new Date(value);

function toFlag(row: FlagRow): Flag {
  return {
    id: row.id,
    category: row.category,
    source: row.source,
    status: row.status,
    ruleSetVersion: row.rule_set_version,
    rule: row.rule_label,
    raisedAt: date(row.created_at),
    raisedBy: row.raised_by,
    closedAt: row.closed_at === null ? null : date(row.closed_at),
    closedBy: row.closed_by,
    response: {
      id: row.response_id,
      sessionId: row.session_id,
      prompt: row.prompt,
      text: row.text,
      language: row.language,
      createdAt: date(row.response_created_at),
    },
  };
}

/**
 * Safeguarding flags: the rule set (SafeguardingRules) flags responses as they are submitted,
 * staff flag by hand, and the flags route to whoever holds `safeguarding.manage` (the SAFEGUARDING_LEAD role and
 * admins), who record what was done and close them. Every change is audited; the audit entries
 * hold ids and categories, never the flagged words.
 */
export class SafeguardingService {
  constructor(
    private readonly useCases: UseCases,
    private readonly responses: ResponsesService,
    private readonly cursors: Cursors,
  ) {}

  /** A member of staff flags a response they can read; an action note may go with it. */
  flag(ctx: RequestContext, input: { responseId: string; category: SafeguardingCategory; note?: string | null }) {
    ctx.require(Permission.SafeguardingFlag);
    const note = validate.optionalText('note', input.note, ACTION_LENGTH);
    return this.useCases.run(ctx, Permission.SafeguardingFlag, async (tx) => {
      const response = await this.responses.get(tx, input.responseId, 'responseId');
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO safeguarding_flags (engagement_id, response_id, category, source, raised_by_user_id)
         VALUES ($1, $2, $3, 'MANUAL', $4) RETURNING id`,
        [tx.engagementId, response.id, input.category, tx.caller.userId],
      );
      const audit = [raised({ id: row!.id, category: input.category, source: FlagSource.MANUAL }, response.id)];
      if (note) audit.push(await this.addAction(tx, row!.id, note));
      return { result: await this.load(tx, row!.id), audit };
    });
  }

  /** The queue: flags newest first, open ones unless the filter says otherwise. */
  async list(ctx: RequestContext, filter: FlagFilter | null | undefined, page: PageArgs): Promise<Page<Flag>> {
    ctx.require(Permission.SafeguardingManage);
    const first = pageSize(page.first);
    const params: unknown[] = [ctx.engagementId, filter?.status ?? FlagStatus.OPEN];
    let where = 'f.engagement_id = $1 AND f.status = $2';
    if (filter?.category) where += ` AND f.category = $${params.push(filter.category)}`;
    const count = async () =>
      (await ctx.read<{ n: number }>(`SELECT count(*)::int AS n FROM safeguarding_flags f WHERE ${where}`, params))[0]!
        .n;
    const pageParams = [...params];
    let pageWhere = where;
    if (page.after) {
      const [at, id] = this.cursors.decode(SCOPE, page.after);
      pageWhere += ` AND (f.created_at, f.id) < ($${pageParams.push(at)}::timestamptz, $${pageParams.push(id)}::uuid)`;
    }
    const rows = await ctx.read<FlagRow>(
      `SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM} WHERE ${pageWhere} ORDER BY f.created_at DESC, f.id DESC LIMIT ${first + 1}`,
      pageParams,
    );
    return pageOf(
      rows.map(toFlag),
      first,
      page,
      (flag) => this.cursors.encode(SCOPE, flag.raisedAt.toISOString(), flag.id),
      count,
    );
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Flag> {
    ctx.require(Permission.SafeguardingManage);
    return this.load(ctx, validate.id(field, rawId), field);
  }

  /** What was done about each flag, oldest first (for a page of the queue at once). */
  async actionsOf(ctx: RequestContext, flagIds: readonly string[]): Promise<Map<string, FlagAction[]>> {
    ctx.require(Permission.SafeguardingManage);
    const rows = await ctx.read<{
      id: string;
      flag_id: string;
      action: string;
      created_at: string;
      recorded_by: string | null;
    }>(
      `SELECT a.id, a.flag_id, a.action, a.created_at, u.display_name AS recorded_by
       FROM safeguarding_actions a LEFT JOIN users u ON u.id = a.user_id
       WHERE a.flag_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
      [flagIds],
    );
    const byFlag = new Map<string, FlagAction[]>();
    for (const row of rows) {
      const list = byFlag.get(row.flag_id) ?? [];
      list.push({
        id: row.id,
        flagId: row.flag_id,
        action: row.action,
        recordedAt: new Date(row.created_at),
        recordedBy: row.recorded_by,
      });
      byFlag.set(row.flag_id, list);
    }
    return byFlag;
  }

  /** Records what was done (a call made, a referral, advice given); refused on a closed flag. */
  recordAction(ctx: RequestContext, rawFlagId: string, rawAction: string): Promise<Flag> {
    ctx.require(Permission.SafeguardingManage);
    const action = validate.requiredText('action', rawAction, ACTION_LENGTH);
    return this.useCases.run(ctx, Permission.SafeguardingManage, async (tx) => {
      const flag = await this.lockOpen(tx, rawFlagId);
      const entry = await this.addAction(tx, flag.id, action);
      return { result: await this.load(tx, flag.id), audit: [entry] };
    });
  }

  /** Closes a flag, with what was finally done when given; refused when already closed. */
  close(ctx: RequestContext, rawFlagId: string, rawAction?: string | null): Promise<Flag> {
    ctx.require(Permission.SafeguardingManage);
    const action = validate.optionalText('action', rawAction, ACTION_LENGTH);
    return this.useCases.run(ctx, Permission.SafeguardingManage, async (tx) => {
      const flag = await this.lockOpen(tx, rawFlagId);
      const audit: AuditEntry[] = [];
      if (action) audit.push(await this.addAction(tx, flag.id, action));
      await tx.query(
        `UPDATE safeguarding_flags SET status = 'CLOSED', closed_at = now(), closed_by_user_id = $2 WHERE id = $1`,
        [flag.id, tx.caller.userId],
      );
      audit.push({
        action: AuditAction.SafeguardingFlagClosed,
        entityType: 'safeguarding_flag',
        entityId: flag.id,
        details: { category: flag.category },
      });
      return { result: await this.load(tx, flag.id), audit };
    });
  }

  private async load(ctx: RequestContext, id: string, field = 'flagId'): Promise<Flag> {
    const [row] = await ctx.read<FlagRow>(
      `SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM} WHERE f.id = $1 AND f.engagement_id = $2`,
      [id, ctx.engagementId],
    );
    if (!row) throw notFound('SafeguardingFlag', field);
    return toFlag(row);
  }

  private async lockOpen(tx: RequestContext, rawFlagId: string) {
    const id = validate.id('flagId', rawFlagId);
    const [row] = await tx.query<{ id: string; status: FlagStatus; category: SafeguardingCategory }>(
      `SELECT id, status, category FROM safeguarding_flags WHERE id = $1 AND engagement_id = $2 FOR UPDATE`,
      [id, tx.engagementId],
    );
    if (!row) throw notFound('SafeguardingFlag', 'flagId');
    if (row.status === FlagStatus.CLOSED)
      throw badInput('flagId', 'this flag is closed; nothing more can be recorded on it');
    return row;
  }

  private async addAction(tx: RequestContext, flagId: string, action: string): Promise<AuditEntry> {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO safeguarding_actions (flag_id, action, user_id) VALUES ($1, $2, $3) RETURNING id`,
      [flagId, action, tx.caller.userId],
    );
    return {
      action: AuditAction.SafeguardingActionRecorded,
      entityType: 'safeguarding_flag',
      entityId: flagId,
      details: { actionId: row!.id },
    };
  }
}
