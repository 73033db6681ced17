import { Permission, type AgeBand, type Prompt, type SessionFormat } from '@chorus/shared';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import type { Theme } from '../themes/theme.entity.js';
import type { ThemesService } from '../themes/themes.service.js';
import { FiguresCache } from './figures-cache.js';
import { countFigures, readEngagementFigures, type FactFilter, type Figures } from './figures.js';

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
 * threshold is withheld (null, suppressed) before it leaves this service. The counts come from
 * the fact tables (`figures.ts`), through a cache that is exact (`figures-cache.ts`).
 */
export class AggregatesService {
  private readonly cache = new FiguresCache();

  constructor(private readonly themes: ThemesService) {}

  async themeSummary(ctx: RequestContext, filter: AggregateFilter | null | undefined): Promise<ThemeSummary> {
    ctx.require(Permission.AggregateRead);
    const facts = this.factFilter(filter ?? {});
    const { threshold, version } = await readEngagementFigures(ctx);
    const [counts, themes] = await Promise.all([this.figures(ctx, facts, version), this.themes.list(ctx)]);
    const release = (n: number) => (n >= threshold ? n : null);
    return {
      threshold,
      totalResponses: release(counts.responses),
      totalParticipants: release(counts.participants),
      themes: themes.map((theme) => {
        const cell = counts.byTheme.get(theme.id) ?? { responses: 0, participants: 0 };
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

  private figures(ctx: RequestContext, filter: FactFilter, version: bigint): Promise<Figures> {
    // Inside a transaction the count could see the caller's own uncommitted writes: never shared.
    if (ctx.inTransaction) return countFigures(ctx, filter);
    const key = JSON.stringify([ctx.engagementId, filter]);
    return this.cache.get(key, version, () => countFigures(ctx, filter));
  }

  /** Validates the filter and puts it in one canonical form, so equal filters share a cache entry. */
  private factFilter(filter: AggregateFilter): FactFilter {
    const areaIds = filter.areaIds?.map((id, i) => validate.id(`filter.areaIds.${i}`, id));
    const from = validate.validDate('filter.from', filter.from);
    const to = validate.validDate('filter.to', filter.to);
    if (from && to && to < from) throw badInput('filter.to', 'filter.to must not be before filter.from');
    const set = <T extends string>(values: T[] | null | undefined) =>
      values?.length ? [...new Set(values)].sort() : null;
    return {
      areaIds: set(areaIds),
      formats: set(filter.formats),
      prompts: set(filter.prompts),
      ageBands: set(filter.ageBands),
      from,
      to,
    };
  }
}
