import { Permission } from '@chorus/shared';
import { badInput } from '../common/errors.js';
import { pageOf, pageSize, type Cursors, type Page, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import { streamRows } from '../db/cursor-stream.js';
import type { RequestContext } from '../db/request-context.js';
import { AuditAction } from './audit-action.js';
import type { AuditService } from './audit.service.js';

export interface AuditFilter {
  recordId?: string | null;
  callerId?: string | null;
  action?: AuditAction | null;
  from?: Date | null;
  to?: Date | null;
}

export type CallerKindName = 'USER' | 'API_KEY' | 'SYSTEM';

/** One entry of the trail, as the log screen and the CSV show it. */
export interface AuditEvent {
  id: string;
  at: Date;
  action: AuditAction;
  callerKind: CallerKindName;
  callerId: string | null;
  recordType: string;
  recordId: string | null;
  requestId: string | null;
  details: string;
}

/** The CSV's columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'action',
  'callerKind',
  'callerId',
  'recordType',
  'recordId',
  'requestId',
  'details',
] as const satisfies readonly (keyof AuditEvent)[];

const SCOPE = 'audit_events id DESC';
const EXPORT_FETCH = 1000;
const COLUMNS = `id::text AS id, at, action, actor_user_id, actor_api_key_id, entity_type, entity_id, request_id, details::text AS details`;

type AuditRow = {
  id: string;
  at: Date | string;
  action: AuditAction;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: string;
};

function toEvent(row: AuditRow): AuditEvent {
  const callerId = row.actor_user_id ?? row.actor_api_key_id;
  return {
    id: row.id,
    at: new Date(row.at),
    action: row.action,
    callerKind: row.actor_user_id ? 'USER' : row.actor_api_key_id ? 'API_KEY' : 'SYSTEM',
    callerId,
    recordType: row.entity_type,
    recordId: row.entity_id,
    requestId: row.request_id,
    details: row.details,
  };
}

/** Reading the audit trail: the engagement's entries, newest first, by record, caller, action and time. */
export class AuditLogService {
  constructor(
    private readonly cursors: Cursors,
    private readonly audit: AuditService,
  ) {}

  /** Checks an export's caller and filter before any byte is sent, and leaves its own entry. */
  async recordExport(ctx: RequestContext, filter: AuditFilter): Promise<void> {
    ctx.require(Permission.AuditRead);
    this.conditions(ctx, filter);
    await this.audit.record(ctx, {
      action: AuditAction.AuditExported,
      entityType: 'audit',
      entityId: null,
      details: {
        recordId: filter.recordId ?? null,
        action: filter.action ?? null,
        byCaller: Boolean(filter.callerId),
        from: filter.from?.toISOString() ?? null,
        to: filter.to?.toISOString() ?? null,
      },
    });
  }

  async search(ctx: RequestContext, filter: AuditFilter | null | undefined, page: PageArgs): Promise<Page<AuditEvent>> {
    ctx.require(Permission.AuditRead);
    const first = pageSize(page.first);
    const { where, params } = this.conditions(ctx, filter);
    const count = () =>
      ctx
        .read<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`, params)
        .then((r) => r[0]!.n);
    let pageWhere = where;
    const pageParams = [...params];
    if (page.after) {
      const [, id] = this.cursors.decode(SCOPE, page.after);
      if (!/^[0-9]{1,19}$/.test(id)) throw badInput('after', 'after is not a cursor this list issued');
      pageWhere += ` AND id < $${pageParams.push(id)}::bigint`;
    }
    const rows = await ctx.read<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_events WHERE ${pageWhere} ORDER BY id DESC LIMIT ${first + 1}`,
      pageParams,
    );
    return pageOf(rows.map(toEvent), first, page, (event) => this.cursors.encode(SCOPE, event.id, event.id), count);
  }

  /** Every entry the filter matches, newest first, a batch at a time from a read-only cursor (the CSV export). */
  async stream(
    ctx: RequestContext,
    filter: AuditFilter | null | undefined,
    each: (batch: AuditEvent[]) => Promise<boolean>,
  ): Promise<void> {
    ctx.require(Permission.AuditRead);
    const { where, params } = this.conditions(ctx, filter);
    await streamRows<AuditRow>(
      ctx.dataSource,
      `SELECT ${COLUMNS} FROM audit_events WHERE ${where} ORDER BY id DESC`,
      params,
      EXPORT_FETCH,
      (rows) => each(rows.map(toEvent)),
    );
  }

  private conditions(ctx: RequestContext, filter: AuditFilter | null | undefined) {
    const params: unknown[] = [ctx.engagementId];
    const where = ['engagement_id = $1'];
    if (filter?.recordId) where.push(`entity_id = $${params.push(validate.id('filter.recordId', filter.recordId))}`);
    if (filter?.callerId) {
      const n = params.push(validate.id('filter.callerId', filter.callerId));
      where.push(`(actor_user_id = $${n} OR actor_api_key_id = $${n})`);
    }
    if (filter?.action) where.push(`action = $${params.push(filter.action)}`);
    const from = validate.validDate('filter.from', filter?.from);
    const to = validate.validDate('filter.to', filter?.to);
    if (from && to && to <= from) throw badInput('filter.to', 'filter.to must be after filter.from');
    if (from) where.push(`at >= $${params.push(from)}`);
    if (to) where.push(`at < $${params.push(to)}`);
    return { where: where.join(' AND '), params };
  }
}
