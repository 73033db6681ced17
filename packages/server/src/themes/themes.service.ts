import { Permission } from '@chorus/shared';
import { audited, type Outcome, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { reachableIds, reachSql, scopeThemes } from '../access/tenancy.js';
import type { RequestContext } from '../db/request-context.js';
import { date, readByIds, type ReadByIds } from '../db/rows.js';
import { Theme } from './theme.entity.js';

export interface ThemeData {
  name?: string | null;
  description?: string | null;
  /** Undefined keeps the parent; null moves the theme to the top of the tree. */
  parentId?: string | null;
}

/** The codebook: a tree of themes per engagement. */
export class ThemesService {
  constructor(private readonly useCases: UseCases) {}

  /** The codebook is bounded by what analysts can hold in mind: listed whole, by name. */
  list(ctx: RequestContext): Promise<Theme[]> {
    ctx.require(Permission.CodebookRead);
    return this.scoped(ctx).orderBy('t.name', 'ASC').addOrderBy('t.id', 'ASC').getMany();
  }

  async get(ctx: RequestContext, rawId: string, field = 'id'): Promise<Theme> {
    ctx.require(Permission.CodebookRead);
    const id = validate.id(field, rawId);
    const theme = await this.scoped(ctx).andWhere('t.id = :id', { id }).getOne();
    if (!theme) throw notFound('Theme', field);
    return theme;
  }

  /** Themes of the engagement, batched with sibling reads. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Theme[]> {
    return readByIds(ctx, themesByIds, ids);
  }

  async childrenOf(ctx: RequestContext, parentIds: readonly string[]): Promise<Map<string, Theme[]>> {
    const children = await this.scoped(ctx)
      .andWhere('t.parent_id = ANY(:parentIds)', { parentIds })
      .orderBy('t.name', 'ASC')
      .getMany();
    const byParent = new Map<string, Theme[]>();
    for (const child of children) byParent.set(child.parentId!, [...(byParent.get(child.parentId!) ?? []), child]);
    return byParent;
  }

  /** Each theme's names from the top of the tree down to it, e.g. ["Transport", "Buses"]; one query per batch. */
  async pathsOf(ctx: RequestContext, themeIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await ctx.query<{ id: string; path: string[] }>(
      `WITH RECURSIVE up AS (
         SELECT id AS start, parent_id, ARRAY[name] AS path, ARRAY[id] AS seen FROM themes WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT up.start, t.parent_id, t.name || up.path, t.id || up.seen
         FROM up JOIN themes t ON t.id = up.parent_id WHERE NOT t.id = ANY(up.seen)
       ) SELECT start AS id, path FROM up WHERE parent_id IS NULL OR parent_id = ANY(seen)`,
      [await reachableIds(ctx, 'themes', themeIds)],
    );
    return new Map(rows.map((row) => [row.id, row.path]));
  }

  /** Distinct responses coded to each theme (directly, not through its children). */
  async responseCounts(ctx: RequestContext, themeIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await ctx.query<{ theme_id: string; n: number }>(
      `SELECT theme_id, count(DISTINCT response_id)::int AS n FROM codings WHERE theme_id = ANY($1) GROUP BY theme_id`,
      [await reachableIds(ctx, 'themes', themeIds)],
    );
    return new Map(rows.map((row) => [row.theme_id, row.n]));
  }

  async create(ctx: RequestContext, input: ThemeData & { name: string }): Promise<Theme> {
    return this.withCodebookLock(ctx, async (tx) => {
      const name = validate.requiredText('name', input.name);
      const description = validate.optionalText('description', input.description, 10_000);
      const parentId = input.parentId ? (await this.get(tx, input.parentId, 'parentId')).id : null;
      await this.refuseSiblingName(tx, parentId, name, null);
      const theme = await tx.manager.save(
        tx.manager.create(Theme, { engagementId: tx.engagementId, parentId, name, description }),
      );
      return audited(await tx.manager.findOneByOrFail(Theme, { id: theme.id }), {
        action: AuditAction.ThemeCreated,
        entityType: 'theme',
        entityId: theme.id,
      });
    });
  }

  /** Renames, re-describes or moves a theme; a move under its own subtree is refused. */
  async update(ctx: RequestContext, rawId: string, input: ThemeData): Promise<Theme> {
    return this.withCodebookLock(ctx, async (tx) => {
      const theme = await this.get(tx, rawId);
      const name =
        input.name === undefined || input.name === null ? theme.name : validate.requiredText('name', input.name);
      const description =
        input.description === undefined
          ? theme.description
          : validate.optionalText('description', input.description, 10_000);
      let parentId = theme.parentId;
      if (input.parentId !== undefined) {
        parentId = input.parentId === null ? null : (await this.get(tx, input.parentId, 'parentId')).id;
        if (parentId && (await this.isInSubtree(tx, parentId, theme.id))) {
          throw badInput('parentId', 'a theme cannot move under itself or one of its own descendants');
        }
      }
      await this.refuseSiblingName(tx, parentId, name, theme.id);
      await tx.manager.update(Theme, { id: theme.id }, { name, description, parentId });
      return audited(await tx.manager.findOneByOrFail(Theme, { id: theme.id }), {
        action: AuditAction.ThemeUpdated,
        entityType: 'theme',
        entityId: theme.id,
      });
    });
  }

  /**
   * Folds `sourceId` into `targetId`: its codings and children move to the target, then it
   * goes. Codings the target already has are not doubled.
   */
  async merge(ctx: RequestContext, rawSourceId: string, rawTargetId: string): Promise<Theme> {
    return this.withCodebookLock(ctx, async (tx) => {
      const source = await this.get(tx, rawSourceId, 'sourceId');
      const target = await this.get(tx, rawTargetId, 'targetId');
      if (source.id === target.id) throw badInput('targetId', 'a theme cannot be merged into itself');
      if (await this.isInSubtree(tx, target.id, source.id)) {
        throw badInput('targetId', 'a theme cannot be merged into one of its own descendants');
      }
      await tx.query(
        `INSERT INTO codings (response_id, theme_id, excerpt, coder_user_id, created_at)
         SELECT response_id, $2, excerpt, coder_user_id, created_at FROM codings WHERE theme_id = $1
         ON CONFLICT DO NOTHING`,
        [source.id, target.id],
      );
      // Agreement codings follow too, so a merge never silently changes what a coder said.
      for (const table of ['agreement_assignment_themes', 'agreement_settled_themes']) {
        const owner = table === 'agreement_settled_themes' ? 'item_id' : 'assignment_id';
        await tx.query(
          `INSERT INTO ${table} (${owner}, theme_id) SELECT ${owner}, $2 FROM ${table} WHERE theme_id = $1 ON CONFLICT DO NOTHING`,
          [source.id, target.id],
        );
      }
      await tx.query(`UPDATE themes SET parent_id = $2 WHERE parent_id = $1`, [source.id, target.id]);
      await tx.query(`DELETE FROM themes WHERE id = $1`, [source.id]);
      return audited(target, {
        action: AuditAction.ThemeMerged,
        entityType: 'theme',
        entityId: target.id,
        details: { from: source.id },
      });
    });
  }

  private scoped(ctx: RequestContext) {
    return scopeThemes(ctx.manager.createQueryBuilder(Theme, 't'), 't', ctx);
  }

  /** Is `candidate` the theme `rootId` or below it? */
  private async isInSubtree(ctx: RequestContext, candidate: string, rootId: string): Promise<boolean> {
    const [hit] = await ctx.query(
      `WITH RECURSIVE ancestors AS (
         SELECT id, parent_id FROM themes WHERE id = $1
         UNION ALL
         SELECT t.id, t.parent_id FROM themes t JOIN ancestors a ON t.id = a.parent_id
       ) SELECT 1 FROM ancestors WHERE id = $2 LIMIT 1`,
      [candidate, rootId],
    );
    return Boolean(hit);
  }

  private async refuseSiblingName(ctx: RequestContext, parentId: string | null, name: string, exceptId: string | null) {
    const [clash] = await ctx.query(
      `SELECT 1 FROM themes WHERE engagement_id = $1 AND parent_id IS NOT DISTINCT FROM $2
         AND lower(name) = lower($3) AND id IS DISTINCT FROM $4`,
      [ctx.engagementId, parentId, name, exceptId],
    );
    if (clash) throw badInput('name', 'a theme with this name already sits at this place in the codebook');
  }

  /** Codebook edits are serialised per engagement so two concurrent moves cannot make a cycle. */
  private withCodebookLock<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<Outcome<T>>): Promise<T> {
    return this.useCases.run(ctx, Permission.CodebookEdit, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('chorus:codebook:' || $1))`, [tx.engagementId]);
      return work(tx);
    });
  }
}

/** Themes of the engagement by id. */
export const themesByIds: ReadByIds<Theme> = {
  sql: (ctx, ids, params) =>
    `SELECT t.id, t.engagement_id, t.parent_id, t.name, t.description, t.created_at FROM themes t
     WHERE t.id = ANY(${ids}) AND ${reachSql.themes(ctx, 't', params)}`,
  map: (row) => ({
    id: row.id as string,
    engagementId: row.engagement_id as string,
    parentId: row.parent_id as string | null,
    name: row.name as string,
    description: row.description as string | null,
    createdAt: date(row.created_at),
  }),
};
