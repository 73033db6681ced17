import { Permission } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { blindResponseIds, notBlindSql } from '../agreement/blind.js';
import { AuditAction } from '../audit/audit-action.js';
import { badInput, notFound } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { reachableIds, reachSql } from '../access/tenancy.js';
import type { RequestContext } from '../db/request-context.js';
import { date, groupBy, readByIds, type ReadByIds } from '../db/rows.js';
import type { ResponsesService } from '../responses/responses.service.js';
import type { SuggestionRuns } from '../suggestions/suggestion-runs.js';
import type { Theme } from '../themes/theme.entity.js';
import type { ThemesService } from '../themes/themes.service.js';
import { Coding } from './coding.entity.js';

export class CodingsService {
  constructor(
    private readonly responses: ResponsesService,
    private readonly themes: ThemesService,
    private readonly useCases: UseCases,
    private readonly suggestionRuns: SuggestionRuns,
  ) {}

  /**
   * Codes a response, or an excerpt that occurs in it, to a theme. Coding the same thing twice
   * returns the first. `suggestionModelVersion` says the coder accepted a suggestion of that
   * model; enough new codings queue the model's retraining.
   */
  async code(
    ctx: RequestContext,
    input: { responseId: string; themeId: string; excerpt?: string | null; suggestionModelVersion?: number | null },
  ): Promise<Coding> {
    return this.useCases.run(ctx, Permission.CodingEdit, async (tx) => {
      const response = await this.responses.get(tx, input.responseId, 'responseId');
      await refuseBlind(tx, response.id, 'responseId');
      const theme = await this.themes.get(tx, input.themeId, 'themeId');
      const excerpt = input.excerpt === null || input.excerpt === undefined ? null : input.excerpt.trim();
      if (excerpt === '')
        throw badInput('excerpt', 'excerpt must not be empty; leave it out to code the whole response');
      if (excerpt !== null && !response.text?.includes(excerpt)) {
        throw badInput('excerpt', 'excerpt must be a passage of the response text, exactly as it stands');
      }
      const version = input.suggestionModelVersion ?? null;
      if (version !== null) {
        if (!Number.isInteger(version)) throw badInput('suggestionModelVersion', 'must be a whole number');
        await this.suggestionRuns.requireModelVersion(tx, version, 'suggestionModelVersion');
      }
      const inserted = await tx.query(
        `INSERT INTO codings (response_id, theme_id, excerpt, coder_user_id, from_suggestion, suggestion_model_version, accepted_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 THEN $4::uuid END) ON CONFLICT DO NOTHING RETURNING id`,
        [response.id, theme.id, excerpt, tx.caller.userId, version !== null, version],
      );
      if (inserted.length) await this.suggestionRuns.retrainIfStale(tx);
      const coding = await tx.manager
        .createQueryBuilder(Coding, 'c')
        .where('c.response_id = :responseId AND c.theme_id = :themeId AND c.excerpt IS NOT DISTINCT FROM :excerpt', {
          responseId: response.id,
          themeId: theme.id,
          excerpt,
        })
        .getOneOrFail();
      return audited(coding, {
        action: AuditAction.ResponseCoded,
        entityType: 'response',
        entityId: response.id,
        details: { themeId: theme.id, suggestionModelVersion: version },
      });
    });
  }

  async uncode(ctx: RequestContext, rawId: string): Promise<string> {
    return this.useCases.run(ctx, Permission.CodingEdit, async (tx) => {
      const id = validate.id('id', rawId);
      const [coding] = await tx.query<{ response_id: string }>(`SELECT response_id FROM codings WHERE id = $1`, [id]);
      if (!coding) throw notFound('Coding', 'id');
      await this.responses.get(tx, coding.response_id, 'id');
      await refuseBlind(tx, coding.response_id, 'id');
      await tx.query(`DELETE FROM codings WHERE id = $1`, [id]);
      await this.suggestionRuns.retrainIfStale(tx);
      return audited(id, { action: AuditAction.ResponseUncoded, entityType: 'response', entityId: coding.response_id });
    });
  }

  /** The codings of responses in reach, oldest first, batched with sibling reads. */
  async byResponse(ctx: RequestContext, responseIds: readonly string[]): Promise<Map<string, Coding[]>> {
    return groupBy(await readByIds(ctx, codingsByResponseIds, responseIds), (coding) => coding.responseId);
  }

  /** The distinct themes each response is coded to. */
  async themesByResponse(ctx: RequestContext, responseIds: readonly string[]): Promise<Map<string, Theme[]>> {
    const params: unknown[] = [await reachableIds(ctx, 'responses', responseIds)];
    const rows = await ctx.query<{ response_id: string; id: string }>(
      `SELECT DISTINCT c.response_id, c.theme_id AS id FROM codings c
       WHERE c.response_id = ANY($1) AND ${notBlindSql(ctx, 'c.response_id', params)}`,
      params,
    );
    const themes = new Map(
      (await this.themes.findByIds(ctx, [...new Set(rows.map((row) => row.id))])).map((t) => [t.id, t]),
    );
    const byResponse = new Map<string, Theme[]>();
    for (const row of rows) {
      const theme = themes.get(row.id);
      if (theme) byResponse.set(row.response_id, [...(byResponse.get(row.response_id) ?? []), theme]);
    }
    for (const list of byResponse.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    return byResponse;
  }
}

/** A coder coding a response blind may not change (or, by trying, learn) its coding until they submit. */
async function refuseBlind(tx: RequestContext, responseId: string, field: string): Promise<void> {
  if ((await blindResponseIds(tx, [responseId])).size) {
    throw badInput(field, 'you are coding this response blind for agreement; submit your blind coding first');
  }
}

/** The codings of the responses with these ids, in reach and not hidden from a blind coder, oldest first. */
export const codingsByResponseIds: ReadByIds<Coding> = {
  sql: (ctx, ids, params) =>
    `SELECT c.id, c.response_id, c.theme_id, c.excerpt, c.coder_user_id, c.from_suggestion, c.suggestion_model_version,
            c.accepted_by_user_id, c.created_at
     FROM codings c JOIN responses r ON r.id = c.response_id JOIN sessions s ON s.id = r.session_id
     WHERE c.response_id = ANY(${ids}) AND ${reachSql.sessions(ctx, 's', params)}
       AND ${notBlindSql(ctx, 'c.response_id', params)}
     ORDER BY c.created_at, c.id`,
  map: (row) => ({
    id: row.id as string,
    responseId: row.response_id as string,
    themeId: row.theme_id as string,
    excerpt: row.excerpt as string | null,
    coderUserId: row.coder_user_id as string | null,
    fromSuggestion: row.from_suggestion as boolean,
    suggestionModelVersion: row.suggestion_model_version as number | null,
    acceptedByUserId: row.accepted_by_user_id as string | null,
    createdAt: date(row.created_at),
  }),
};
