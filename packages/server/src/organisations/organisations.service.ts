import { Role, type Sector } from '@chorus/shared';
import type { AuditService } from '../audit/audit.service.js';
import { badInput } from '../common/errors.js';
import { paginate, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Organisation } from './organisation.entity.js';

export class OrganisationsService {
  constructor(private readonly audit: AuditService) {}

  async create(ctx: RequestContext, input: { name: string; sector: Sector }): Promise<Organisation> {
    const name = validate.requiredText('name', input.name);
    return ctx.transaction(async (tx) => {
      const [taken] = await tx.query(`SELECT 1 FROM organisations WHERE lower(name) = lower($1)`, [name]);
      if (taken) throw badInput('name', 'an organisation with this name already exists');
      const org = await tx.manager.save(tx.manager.create(Organisation, { name, sector: input.sector }));
      await this.audit.record(tx, 'organisation.created', 'organisation', org.id);
      return tx.manager.findOneByOrFail(Organisation, { id: org.id });
    });
  }

  /** A partner sees only its own organisation. */
  list(ctx: RequestContext, page: PageArgs) {
    const query = ctx.manager.createQueryBuilder(Organisation, 'o');
    if (ctx.caller.role === Role.PARTNER) query.where('o.id = :org', { org: ctx.caller.organisationId });
    return paginate(
      query,
      {
        column: 'lower(o.name)',
        idColumn: 'o.id',
        type: 'text',
        direction: 'ASC',
        valueOf: (o) => o.name.toLowerCase(),
      },
      page,
    );
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Organisation[]> {
    return ctx.manager.createQueryBuilder(Organisation, 'o').where('o.id = ANY(:ids)', { ids }).getMany();
  }
}
