import { Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { date } from '../db/rows.js';
import { Area } from './area.entity.js';

interface AreaRow extends Record<string, unknown> {
  id: string;
  name: string;
  population: number | null;
  created_at: unknown;
}

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

  /** Areas are public to every caller that reaches a list of them: no tenancy. Batched with its siblings. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Area[]> {
    const rows = await ctx.read<AreaRow>(
      `SELECT id, name, population, created_at FROM areas WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      population: row.population,
      createdAt: date(row.created_at),
    }));
  }
}
