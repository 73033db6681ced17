import type { Permission } from '@chorus/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../access/caller.js';
import { forbidden, unauthenticated } from '../common/errors.js';
import { StatementBatch } from './statement-batch.js';

/**
 * The unit of work of a request or a job: who is calling, in which engagement, and the one way
 * into the database. Services take it first and never open their own connection; `transaction`
 * is decided at the edge, and nested calls join the open transaction.
 */
export class RequestContext {
  constructor(
    readonly dataSource: DataSource,
    readonly engagementId: string,
    readonly caller: Caller,
    /** The request id, or `job:<id>` for a job: ties log lines and audit entries together. */
    readonly requestId: string,
    private readonly transactional?: EntityManager,
    /** Shared by the contexts of one request (`as`), so its reads batch together. */
    private readonly reads: { batch?: StatementBatch; inTransaction?: Promise<unknown> } = {},
  ) {}

  /** A job's unit of work: the serialised caller it was queued by, rebuilt with the same rules. */
  static forJob(dataSource: DataSource, caller: Caller, engagementId: string, jobId: string): RequestContext {
    return new RequestContext(dataSource, engagementId, caller, `job:${jobId}`);
  }

  get manager(): EntityManager {
    return this.transactional ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.transactional !== undefined;
  }

  /** UNAUTHENTICATED for an anonymous caller, FORBIDDEN unless the role table grants `permission`. */
  require(permission: Permission): Caller {
    if (this.caller.kind === 'anonymous') throw unauthenticated();
    if (this.caller.mustChangePassword) throw forbidden('Set a new password first: yours was reset by an admin');
    if (!this.caller.can(permission)) throw forbidden();
    return this.caller;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const transactional = this.transactional;
    if (!transactional) return this.dataSource.manager.query(sql, params);
    // A transaction is one connection, which answers one statement at a time: statements sent
    // together (Promise.all) are queued here in order, rather than stacked on the driver.
    const next = (this.reads.inTransaction ?? Promise.resolve()).then(() => transactional.query(sql, params));
    this.reads.inTransaction = next.catch(() => undefined);
    return next as Promise<T[]>;
  }

  /**
   * A read that may leave in one statement with the other reads of the same moment of this
   * request (`StatementBatch`); inside a transaction it runs at once. Rows come back as JSON
   * values (timestamps as strings) when batched.
   */
  read<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.transactional) return this.query<T>(sql, params);
    this.reads.batch ??= new StatementBatch(this.dataSource.manager);
    return this.reads.batch.rows<T>(sql, params);
  }

  transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (this.transactional) return work(this);
    return this.dataSource.transaction((manager) =>
      work(new RequestContext(this.dataSource, this.engagementId, this.caller, this.requestId, manager)),
    );
  }

  /** The same unit of work acting as another caller (sign-in, start-up work, demo data). */
  as(caller: Caller): RequestContext {
    return new RequestContext(
      this.dataSource,
      this.engagementId,
      caller,
      this.requestId,
      this.transactional,
      this.reads,
    );
  }
}
