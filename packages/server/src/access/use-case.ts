import type { Permission } from '@chorus/shared';
import type { AuditEntry } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../db/request-context.js';

/** What a use case returns: its result and the audit entries it leaves (none for a replay). */
export interface Outcome<T> {
  result: T;
  audit: AuditEntry[];
}

/**
 * Runs one use case, the same way from a resolver, a job, an export or an import: the caller
 * must hold `permission` (UNAUTHENTICATED / FORBIDDEN otherwise, before anything is read), the
 * work runs in one transaction (joining one already open), and its audit entries are written in
 * that transaction, so an action is recorded exactly when it happened.
 */
export class UseCases {
  constructor(private readonly audit: AuditService) {}

  async run<T>(
    ctx: RequestContext,
    permission: Permission,
    work: (tx: RequestContext) => Promise<Outcome<T>>,
  ): Promise<T> {
    ctx.require(permission);
    return ctx.transaction(async (tx) => {
      const { result, audit } = await work(tx);
      await this.audit.record(tx, ...audit);
      return result;
    });
  }

  /** An audit entry outside a use case's transaction, e.g. for a read that must be traced (contact details). */
  record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    return this.audit.record(ctx, entry);
  }

  /** Blanks the record id of earlier entries about erased records (the erasure procedure only). */
  anonymise(tx: RequestContext, recordIds: readonly string[]): Promise<number> {
    return this.audit.anonymise(tx, recordIds);
  }
}

/** An outcome with a single audit entry. */
export function audited<T>(result: T, entry: AuditEntry): Outcome<T> {
  return { result, audit: [entry] };
}
