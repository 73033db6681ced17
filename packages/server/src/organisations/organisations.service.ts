import { Permission, type Sector } from '@chorus/shared';
import { reachSql, scopeOrganisations } from '../access/tenancy.js';
import { date } from '../db/rows.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import { paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Organisation } from './organisation.entity.js';

/** Fields left out (undefined) stay as they are; neither may be cleared. */
export interface OrganisationPatch {
  name?: string | null;
  sector?: Sector | null;
}

/** A valid name no other organisation has, ignoring case. */
async function freeName(tx: RequestContext, self: string | null, rawName: string): Promise<string> {
  const name = validate.requiredText('name', rawName);
  const [taken] = await tx.query(
    `SELECT 1 FROM organisations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2`,
    [name, self],
  );
  if (taken) throw badInput('name', 'an organisation with this name already exists');
  return name;
}

export class OrganisationsService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
  ) {}

  async create(ctx: RequestContext, input: { name: string; sector: Sector }): Promise<Organisation> {
    return this.useCases.run(ctx, Permission.OrganisationManage, async (tx) => {
      const name = await freeName(tx, null, input.name);
      const org = await tx.manager.save(tx.manager.create(Organisation, { name, sector: input.sector }));
      return audited(await tx.manager.findOneByOrFail(Organisation, { id: org.id }), {
        action: AuditAction.OrganisationCreated,
        entityType: 'organisation',
        entityId: org.id,
      });
    });
  }

  /** Renames an organisation or changes its sector; its users, keys and sessions stay with it. */
  async update(ctx: RequestContext, rawId: string, patch: OrganisationPatch): Promise<Organisation> {
    return this.useCases.run(ctx, Permission.OrganisationManage, async (tx) => {
      const id = validate.id('id', rawId);
      const params: unknown[] = [id];
      const [row] = await tx.query<{ name: string; sector: Sector }>(
        `SELECT name, sector FROM organisations o WHERE o.id = $1 AND ${reachSql.organisations(tx, 'o', params)} FOR UPDATE`,
        params,
      );
      if (!row) throw notFound('Organisation', 'id');
      if (patch.name === null) throw badInput('name', 'name cannot be cleared');
      if (patch.sector === null) throw badInput('sector', 'sector cannot be cleared');
      const name = patch.name === undefined ? row.name : await freeName(tx, id, patch.name);
      const sector = patch.sector ?? row.sector;
      await tx.query(`UPDATE organisations SET name = $2, sector = $3 WHERE id = $1`, [id, name, sector]);
      return audited(await tx.manager.findOneByOrFail(Organisation, { id }), {
        action: AuditAction.OrganisationUpdated,
        entityType: 'organisation',
        entityId: id,
        details: {
          fields: (['name', 'sector'] as const).filter((key) => patch[key] !== undefined).join(','),
        },
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
