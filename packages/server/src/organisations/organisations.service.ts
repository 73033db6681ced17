import { Permission, type Sector } from '@chorus/shared';
import { scopeOrganisations } from '../access/tenancy.js';
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

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Organisation[]> {
    return scopeOrganisations(
      ctx.manager.createQueryBuilder(Organisation, 'o').where('o.id = ANY(:ids)', { ids }),
      'o',
      ctx,
    ).getMany();
  }
}
