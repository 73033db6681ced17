import { Permission, type AgeBand, type Prompt, type SessionFormat } from '@chorus/shared';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { Engagement } from '../engagements/engagement.entity.js';
import type { Theme } from '../themes/theme.entity.js';
import type { ThemesService } from '../themes/themes.service.js';

export interface AggregateFilter {
  areaIds?: string[] | null;
  formats?: SessionFormat[] | null;
  prompts?: Prompt[] | null;
  ageBands?: AgeBand[] | null;
  from?: Date | null;
  to?: Date | null;
}

export interface ThemeCount {
  theme: Theme;
  responses: number | null;
  participants: number | null;
  suppressed: boolean;
}

export interface ThemeSummary {
  threshold: number;
  totalResponses: number | null;
  totalParticipants: number | null;
  themes: ThemeCount[];
}

/**
 * Aggregate figures for council systems and reports. Every count below the engagement's
 * threshold is withheld (null, suppressed) before it leaves this service.
 */
export class AggregatesService {
  constructor(private readonly themes: ThemesService) {}

  async themeSummary(ctx: RequestContext, filter: AggregateFilter | null | undefined): Promise<ThemeSummary> {
    ctx.require(Permission.AggregateRead);
    const params = this.filterParams(filter ?? {});
    const engagement = await ctx.manager.findOneByOrFail(Engagement, { id: ctx.engagementId });
    const threshold = engagement.suppressionThreshold;
    // A response's area is where its participant is from, else where the session was held.
    const inScope = `
      SELECT r.id AS response_id, r.participant_id
      FROM responses r
      JOIN sessions s ON s.id = r.session_id
      LEFT JOIN participants p ON p.id = r.participant_id
      WHERE s.engagement_id = $1
        AND ($2::uuid[] IS NULL OR coalesce(p.area_id, s.area_id) = ANY($2))
        AND ($3::text[] IS NULL OR s.format = ANY($3))
        AND ($4::text[] IS NULL OR r.prompt = ANY($4))
        AND ($5::text[] IS NULL OR p.age_band = ANY($5))
        AND ($6::timestamptz IS NULL OR s.starts_at >= $6)
        AND ($7::timestamptz IS NULL OR s.starts_at < $7)`;
    const args = [ctx.engagementId, ...params];
    const [totals, perTheme, themes] = await Promise.all([
      ctx.query<{ responses: number; participants: number }>(
        `SELECT count(*)::int AS responses, count(DISTINCT participant_id)::int AS participants FROM (${inScope}) scoped`,
        args,
      ),
      ctx.query<{ theme_id: string; responses: number; participants: number }>(
        `SELECT c.theme_id, count(DISTINCT scoped.response_id)::int AS responses,
                count(DISTINCT scoped.participant_id)::int AS participants
         FROM codings c JOIN (${inScope}) scoped ON scoped.response_id = c.response_id
         GROUP BY c.theme_id`,
        args,
      ),
      this.themes.list(ctx),
    ]);
    const counts = new Map(perTheme.map((row) => [row.theme_id, row]));
    const release = (n: number) => (n >= threshold ? n : null);
    return {
      threshold,
      totalResponses: release(totals[0]!.responses),
      totalParticipants: release(totals[0]!.participants),
      themes: themes.map((theme) => {
        const cell = counts.get(theme.id) ?? { responses: 0, participants: 0 };
        const suppressed = cell.responses < threshold || cell.participants < threshold;
        return {
          theme,
          responses: suppressed ? null : cell.responses,
          participants: suppressed ? null : cell.participants,
          suppressed,
        };
      }),
    };
  }

  private filterParams(filter: AggregateFilter): unknown[] {
    const areaIds = filter.areaIds?.map((id, i) => validate.id(`filter.areaIds.${i}`, id));
    const from = validate.validDate('filter.from', filter.from);
    const to = validate.validDate('filter.to', filter.to);
    if (from && to && to < from) throw badInput('filter.to', 'filter.to must not be before filter.from');
    const list = <T>(values: T[] | null | undefined) => (values?.length ? values : null);
    return [list(areaIds), list(filter.formats), list(filter.prompts), list(filter.ageBands), from, to];
  }
}
