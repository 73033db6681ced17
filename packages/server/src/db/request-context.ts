import type { Role } from '@chorus/shared';
import type { DataSource, EntityManager } from 'typeorm';

/** Who is calling: a signed-in user or an API key, reduced to what authorisation needs. */
export interface Actor {
  role: Role;
  /** Set for partner users and partner keys: the only organisation whose rows they reach. */
  organisationId: string | null;
  userId: string | null;
  apiKeyId: string | null;
}

/**
 * The one way into the database for a request. Services take it first and never open their own
 * connection; `transaction` is decided at the edge, and nested calls join the open transaction.
 */
export class RequestContext {
  constructor(
    readonly dataSource: DataSource,
    readonly engagementId: string,
    readonly actor: Actor | null,
    readonly requestId: string,
    private readonly transactional?: EntityManager,
  ) {}

  get manager(): EntityManager {
    return this.transactional ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.transactional !== undefined;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, params);
  }

  transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    if (this.transactional) return work(this);
    return this.dataSource.transaction((manager) =>
      work(new RequestContext(this.dataSource, this.engagementId, this.actor, this.requestId, manager)),
    );
  }

  /** The same request acting as another actor (used by start-up jobs and demo data). */
  as(actor: Actor | null): RequestContext {
    return new RequestContext(this.dataSource, this.engagementId, actor, this.requestId, this.transactional);
  }
}
