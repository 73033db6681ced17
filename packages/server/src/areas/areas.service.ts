import { Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Area } from './area.entity.js';

export class AreasService {
  constructor(private readonly useCases: UseCases) {}

  async create(ctx: RequestContext, input: { name: string; population?: number | null }): Promise<Area> {
    return this.useCases.run(ctx, Permission.AreaManage, async (tx) => {
      const name = validate.requiredText('name', input.name);
      const population = validate.nonNegativeInt('population', input.population);
      const [taken] = await tx.query(`SELECT 1 FROM areas WHERE lower(name) = lower($1)`, [name]);
      if (taken) throw badInput('name', 'an area with this name already exists');
      const area = await tx.manager.save(tx.manager.create(Area, { name, population }));
      return audited(await tx.manager.findOneByOrFail(Area, { id: area.id }), {
        action: AuditAction.AreaCreated,
        entityType: 'area',
        entityId: area.id,
      });
    });
  }

  /** Areas are reference data, bounded by the city's geography: listed whole, by name. */
  list(ctx: RequestContext): Promise<Area[]> {
    ctx.require(Permission.ReferenceRead);
    return ctx.manager.find(Area, { order: { name: 'ASC' } });
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Area[]> {
    return ctx.manager.createQueryBuilder(Area, 'a').where('a.id = ANY(:ids)', { ids }).getMany();
  }
}
