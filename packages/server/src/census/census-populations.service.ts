import { CENSUS_GROUPS, Permission, type SpecialCategory } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import { byCreatedAt, paginate, type Cursors, type PageArgs } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { CensusPopulation } from './census-population.entity.js';

export interface CensusPopulationFilter {
  areaId?: string | null;
  category?: SpecialCategory | null;
}

/** One area's figures for one category, as they should stand: a group left out or null has none. */
export interface CensusPopulationsInput {
  areaId: string;
  category: SpecialCategory;
  populations: { group: string; population?: number | null }[];
}

/**
 * Census populations by area and special-category group: reference data (counts of residents,
 * never a person), install-wide like the areas themselves, read and set by those who manage areas.
 * Reach by ethnic group, religion or disability reads them (disclosure/special-category.ts).
 */
export class CensusPopulationsService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  list(ctx: RequestContext, filter: CensusPopulationFilter | null, page: PageArgs) {
    ctx.require(Permission.AreaManage);
    const query = ctx.manager.createQueryBuilder(CensusPopulation, 'c');
    const areaId = validate.optionalId('filter.areaId', filter?.areaId);
    if (areaId) query.andWhere('c.area_id = :areaId', { areaId });
    if (filter?.category) query.andWhere('c.category = :category', { category: filter.category });
    return paginate(query, { ...byCreatedAt<CensusPopulation>('c'), direction: 'ASC' }, page, this.cursors);
  }

  /**
   * Sets one area's figures for one category in one transaction: the groups given replace what
   * was there, and a group left out or given null is cleared. Refusals name the field.
   */
  set(ctx: RequestContext, input: CensusPopulationsInput): Promise<CensusPopulation[]> {
    ctx.require(Permission.AreaManage);
    const areaId = validate.id('areaId', input.areaId);
    const groups = new Set(CENSUS_GROUPS[input.category].map((group) => group.key));
    const seen = new Set<string>();
    const given = input.populations.flatMap((entry, i) => {
      if (!groups.has(entry.group)) {
        throw badInput(
          `populations.${i}.group`,
          `populations.${i}.group must be one of ${[...groups].join(', ')} for ${input.category}`,
        );
      }
      if (seen.has(entry.group)) throw badInput(`populations.${i}.group`, `populations.${i}.group is given twice`);
      seen.add(entry.group);
      const population = validate.nonNegativeInt(`populations.${i}.population`, entry.population);
      return population === null ? [] : [{ group: entry.group, population }];
    });
    return this.useCases.run(ctx, Permission.AreaManage, async (tx) => {
      // FOR KEY SHARE: the area cannot be deleted under the figures being written.
      const [area] = await tx.query(`SELECT 1 FROM areas WHERE id = $1 FOR KEY SHARE`, [areaId]);
      if (!area) throw notFound('Area', 'areaId');
      await tx.query(
        `DELETE FROM census_populations WHERE area_id = $1 AND category = $2 AND NOT (group_key = ANY($3::text[]))`,
        [areaId, input.category, given.map((entry) => entry.group)],
      );
      await tx.query(
        `INSERT INTO census_populations (area_id, category, group_key, population, updated_by_user_id)
         SELECT $1, $2, g.group_key, g.population, $5 FROM unnest($3::text[], $4::int[]) AS g(group_key, population)
         ON CONFLICT (area_id, category, group_key)
         DO UPDATE SET population = EXCLUDED.population, updated_at = now(), updated_by_user_id = EXCLUDED.updated_by_user_id
         WHERE census_populations.population IS DISTINCT FROM EXCLUDED.population`,
        [
          areaId,
          input.category,
          given.map((entry) => entry.group),
          given.map((entry) => entry.population),
          tx.caller.userId,
        ],
      );
      const order = [...groups];
      const saved = (await tx.manager.findBy(CensusPopulation, { areaId, category: input.category })).sort(
        (a, b) => order.indexOf(a.group) - order.indexOf(b.group),
      );
      return audited(saved, {
        action: AuditAction.CensusPopulationsSet,
        entityType: 'area',
        entityId: areaId,
        details: { category: input.category, groups: saved.length },
      });
    });
  }
}
