import { AreaKind, Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { date } from '../db/rows.js';
import { Area } from './area.entity.js';

interface AreaRow extends Record<string, unknown> {
  id: string;
  name: string;
  code: string | null;
  kind: AreaKind;
  population: number | null;
  created_at: unknown;
}

export interface AreaInput {
  name: string;
  code?: string | null;
  kind?: AreaKind | null;
  population?: number | null;
}

/** Fields left out (undefined) stay as they are; `code` and `population` are cleared by null. */
export interface AreaPatch {
  name?: string | null;
  code?: string | null;
  kind?: AreaKind | null;
  population?: number | null;
}

/** An ONS GSS code: a country letter and eight digits, e.g. E05008734 for a ward. */
const GSS_CODE = /^[ENSWK][0-9]{8}$/;

/** An ONS ward code: E05 and six digits. */
const WARD_CODE = /^E05[0-9]{6}$/;

/** The code an area of `kind` may carry: a ward's is an ONS ward code, any other's a GSS code. */
function gssCode(value: string | null | undefined, kind: AreaKind): string | null {
  const code = validate.optionalText('code', value, 9)?.toUpperCase() ?? null;
  if (code === null) return null;
  if (kind === AreaKind.WARD && !WARD_CODE.test(code))
    throw badInput('code', 'a ward’s code must be an ONS ward code: E05 and six digits, such as E05008734');
  if (!GSS_CODE.test(code))
    throw badInput('code', 'code must be an ONS GSS code: a letter and eight digits, such as E05008734');
  return code;
}

export class AreasService {
  constructor(private readonly useCases: UseCases) {}

  async create(ctx: RequestContext, input: AreaInput): Promise<Area> {
    return this.useCases.run(ctx, Permission.AreaManage, async (tx) => {
      const name = validate.requiredText('name', input.name);
      const kind = input.kind ?? AreaKind.OTHER;
      const code = gssCode(input.code, kind);
      const population = validate.nonNegativeInt('population', input.population);
      await this.assertFree(tx, null, name, code);
      const area = await tx.manager.save(tx.manager.create(Area, { name, code, kind, population }));
      return audited(await tx.manager.findOneByOrFail(Area, { id: area.id }), {
        action: AuditAction.AreaCreated,
        entityType: 'area',
        entityId: area.id,
      });
    });
  }

  async update(ctx: RequestContext, id: string, patch: AreaPatch): Promise<Area> {
    return this.useCases.run(ctx, Permission.AreaManage, async (tx) => {
      const areaId = validate.id('id', id);
      const area = await tx.manager.findOne(Area, { where: { id: areaId }, lock: { mode: 'pessimistic_write' } });
      if (!area) throw notFound('Area', 'id');
      if (patch.name === null) throw badInput('name', 'name cannot be cleared');
      if (patch.kind === null) throw badInput('kind', 'kind cannot be cleared');
      const name = patch.name === undefined ? area.name : validate.requiredText('name', patch.name);
      const kind = patch.kind ?? area.kind;
      // The code kept is checked too: an area becoming a ward needs a ward's code.
      const code = gssCode(patch.code === undefined ? area.code : patch.code, kind);
      const population =
        patch.population === undefined ? area.population : validate.nonNegativeInt('population', patch.population);
      await this.assertFree(tx, area.id, name, code);
      await tx.manager.update(Area, { id: area.id }, { name, code, kind, population });
      return audited(await tx.manager.findOneByOrFail(Area, { id: area.id }), {
        action: AuditAction.AreaUpdated,
        entityType: 'area',
        entityId: area.id,
        details: {
          fields: Object.keys(patch)
            .filter((key) => patch[key as keyof AreaPatch] !== undefined)
            .join(','),
        },
      });
    });
  }

  /** Names are unique ignoring case and codes unique outright: refused by field, before the index would. */
  private async assertFree(tx: RequestContext, self: string | null, name: string, code: string | null) {
    const [taken] = await tx.query(`SELECT 1 FROM areas WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2`, [
      name,
      self,
    ]);
    if (taken) throw badInput('name', 'an area with this name already exists');
    if (code === null) return;
    const [coded] = await tx.query(`SELECT 1 FROM areas WHERE code = $1 AND id IS DISTINCT FROM $2`, [code, self]);
    if (coded) throw badInput('code', 'another area already has this code');
  }

  /** Areas are reference data, bounded by the city's geography: listed whole, by name. */
  list(ctx: RequestContext): Promise<Area[]> {
    ctx.require(Permission.ReferenceRead);
    return ctx.manager.find(Area, { order: { name: 'ASC' } });
  }

  /** Areas are public to every caller that reaches a list of them: no tenancy. Batched with its siblings. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Area[]> {
    const rows = await ctx.read<AreaRow>(
      `SELECT id, name, code, kind, population, created_at FROM areas WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      code: row.code,
      kind: row.kind,
      population: row.population,
      createdAt: date(row.created_at),
    }));
  }
}
