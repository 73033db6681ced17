import { cityMonth, cityMonthStart, Permission, type AgeBand, type Prompt, type SessionFormat } from '@chorus/shared';
import { badInput } from '../common/errors.js';
import * as validate from '../common/validate.js';
import type { RequestContext } from '../db/request-context.js';
import { computeThemeFigures, type ReleasedPair, type TableFilter } from '../disclosure/index.js';
import type { Theme } from '../themes/theme.entity.js';
import type { ThemesService } from '../themes/themes.service.js';
import { FiguresCache } from './figures-cache.js';
import { readEngagementFigures } from './figures.js';

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

interface SummaryFigures {
  version: bigint;
  threshold: number;
  total: ReleasedPair;
  themes: Map<string, ReleasedPair>;
}

/**
 * themeSummary, the contract's first aggregate: its filter put in the table shape the disclosure
 * module allows (one value per dimension, one calendar month), and every figure released by that
 * module. Released figures are kept in an exact cache (`figures-cache.ts`) per filter and threshold.
 */
export class AggregatesService {
  private readonly cache = new FiguresCache<SummaryFigures>();

  constructor(private readonly themes: ThemesService) {}

  async themeSummary(ctx: RequestContext, filter: AggregateFilter | null | undefined): Promise<ThemeSummary> {
    ctx.require(Permission.AggregateRead);
    const shape = tableFilter(filter ?? {});
    const [figures, themes] = await Promise.all([this.figures(ctx, shape), this.themes.list(ctx)]);
    return {
      threshold: figures.threshold,
      totalResponses: figures.total.responses.value,
      totalParticipants: figures.total.participants.value,
      themes: themes.map((theme) => {
        const cell = figures.themes.get(theme.id);
        // Both figures or neither, so one cannot be read off the other.
        const suppressed = !cell || cell.responses.suppressed || cell.participants.suppressed;
        return {
          theme,
          responses: suppressed ? null : cell.responses.value,
          participants: suppressed ? null : cell.participants.value,
          suppressed,
        };
      }),
    };
  }

  private async figures(ctx: RequestContext, filter: TableFilter): Promise<SummaryFigures> {
    const count = async (version: bigint) => ({
      version,
      ...(await computeThemeFigures(ctx, filter, 'filter.areaIds.0')),
    });
    const { threshold, version } = await readEngagementFigures(ctx);
    // Inside a transaction the count could see the caller's own uncommitted writes: never shared.
    if (ctx.inTransaction) return count(version);
    const key = JSON.stringify([ctx.engagementId, threshold, filter]);
    return this.cache.get(key, version, () => count(version));
  }
}

const MONTH_RULE =
  'a period is one calendar month in Europe/London: filter.from at midnight on the 1st (BST or GMT), filter.to at midnight on the 1st of the next';

/**
 * The contract's filter in the one shape the disclosure design allows: lists of at most one value,
 * and either no period or one whole calendar month. Unions and open windows could be differenced.
 */
function tableFilter(filter: AggregateFilter): TableFilter {
  const one = <T>(field: string, values: T[] | null | undefined): T | null => {
    const distinct = [...new Set(values ?? [])];
    if (distinct.length > 1) {
      throw badInput(
        field,
        `${field} may hold one value at most: ask for each one in its own query (or use themeTable)`,
      );
    }
    return distinct[0] ?? null;
  };
  const areaIds = filter.areaIds?.map((id, i) => validate.id(`filter.areaIds.${i}`, id));
  const from = validate.validDate('filter.from', filter.from);
  const to = validate.validDate('filter.to', filter.to);
  let month: string | null = null;
  if (from || to) {
    if (!from) throw badInput('filter.from', `filter.from is missing: ${MONTH_RULE}`);
    if (!to) throw badInput('filter.to', `filter.to is missing: ${MONTH_RULE}`);
    month = cityMonth(from);
    if (from.getTime() !== cityMonthStart(month)!.getTime()) throw badInput('filter.from', MONTH_RULE);
    if (to.getTime() !== cityMonthStart(month, 1)!.getTime()) throw badInput('filter.to', MONTH_RULE);
  }
  return {
    areaId: one('filter.areaIds', areaIds),
    format: one('filter.formats', filter.formats),
    prompt: one('filter.prompts', filter.prompts),
    ageBand: one('filter.ageBands', filter.ageBands),
    month,
  };
}
