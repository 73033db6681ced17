import { Permission, type Sector } from '@chorus/shared';
import { reachSql, scopeOrganisations } from '../access/tenancy.js';
import { date } from '../db/rows.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import { paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Organisation } from './organisation.entity.js';

export class OrganisationsService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  async create(ctx: RequestContext, input: { name: string; sector: Sector }): Promise<Organisation> {
    return this.useCases.run(ctx, Permission.OrganisationManage, async (tx) => {
      const name = validate.requiredText('name', input.name);
      const [taken] = await tx.query(`SELECT 1 FROM organisations WHERE lower(name) = lower($1)`, [name]);
      if (taken) throw badInput('name', 'an organisation with this name already exists');
      const org = await tx.manager.save(tx.manager.create(Organisation, { name, sector: input.sector }));
      return audited(await tx.manager.findOneByOrFail(Organisation, { id: org.id }), {
        action: AuditAction.OrganisationCreated,
        entityType: 'organisation',
        entityId: org.id,
      });
    });
  }

  /** A partner sees only its own organisation. */
  list(ctx: RequestContext, page: PageArgs) {
    ctx.require(Permission.OrganisationRead);
    return paginate(
      scopeOrganisations(ctx.manager.createQueryBuilder(Organisation, 'o'), 'o', ctx),
      {
        column: 'lower(o.name)',
        idColumn: 'o.id',
        type: 'text',
        direction: 'ASC',
        valueOf: (o) => o.name.toLowerCase(),
      },
      page,
      this.cursors,
    );
  }

  /** Batched with its siblings; a partner reaches only its own. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Organisation[]> {
    const params: unknown[] = [ids];
    const rows = await ctx.read<{ id: string; name: string; sector: Sector; created_at: unknown }>(
      `SELECT o.id, o.name, o.sector, o.created_at FROM organisations o
       WHERE o.id = ANY($1::uuid[]) AND ${reachSql.organisations(ctx, 'o', params)}`,
      params,
    );
    return rows.map((row) => ({ id: row.id, name: row.name, sector: row.sector, createdAt: date(row.created_at) }));
  }
}
