import { Permission, Prompt } from '@chorus/shared';
import type { Area } from '../areas/area.entity.js';
import type { AreasService } from '../areas/areas.service.js';
import { computeChannelReach, type ChannelReach } from '../disclosure/index.js';
import type { RequestContext } from '../db/request-context.js';
import { Session } from '../sessions/session.entity.js';

export interface AreaReach {
  area: Area;
  participants: number;
  /** Participants per 1,000 residents; null where the population is unknown. */
  perThousand: number | null;
}

export interface Overview {
  sessionsHeld: number;
  sessionsPlanned: number;
  participants: number;
  responses: number;
  /** Share of responses with at least one coding, 0 to 1. */
  codedShare: number;
  responsesByPrompt: { prompt: Prompt; responses: number }[];
  sessionsThisWeek: Session[];
  reach: AreaReach[];
  /** Released figures: through the disclosure module, like every table. */
  reachByChannel: ChannelReach[];
  threshold: number;
}

/**
 * The staff dashboard's figures for the engagement. Unsuppressed: staff only, never a council
 * system (those get `themeSummary`).
 */
export class OverviewService {
  constructor(private readonly areas: AreasService) {}

  async overview(ctx: RequestContext, now = new Date()): Promise<Overview> {
    ctx.require(Permission.OverviewRead);
    const engagement = [ctx.engagementId];
    const [[counts], byPrompt, byArea, thisWeek, areas, channels] = await Promise.all([
      ctx.query<Omit<Overview, 'responsesByPrompt' | 'sessionsThisWeek' | 'reach' | 'reachByChannel' | 'threshold'>>(
        `SELECT
           (SELECT count(*)::int FROM sessions WHERE engagement_id = $1 AND status = 'HELD') AS "sessionsHeld",
           (SELECT count(*)::int FROM sessions WHERE engagement_id = $1 AND status = 'PLANNED') AS "sessionsPlanned",
           (SELECT count(*)::int FROM participants WHERE engagement_id = $1) AS participants,
           (SELECT count(*)::int FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.engagement_id = $1) AS responses,
           coalesce((SELECT avg((EXISTS (SELECT 1 FROM codings c WHERE c.response_id = r.id))::int)::float
                     FROM responses r JOIN sessions s ON s.id = r.session_id WHERE s.engagement_id = $1), 0) AS "codedShare"`,
        engagement,
      ),
      ctx.query<{ prompt: Prompt; responses: number }>(
        `SELECT r.prompt, count(*)::int AS responses FROM responses r JOIN sessions s ON s.id = r.session_id
         WHERE s.engagement_id = $1 GROUP BY r.prompt`,
        engagement,
      ),
      ctx.query<{ area_id: string; participants: number }>(
        `SELECT area_id, count(*)::int AS participants FROM participants
         WHERE engagement_id = $1 AND area_id IS NOT NULL GROUP BY area_id`,
        engagement,
      ),
      // The ISO week (Monday to Sunday) that `now` falls in.
      ctx.manager
        .createQueryBuilder(Session, 's')
        .where('s.engagement_id = :engagementId', { engagementId: ctx.engagementId })
        .andWhere(`s.starts_at >= date_trunc('week', CAST(:now AS timestamptz))`, { now })
        .andWhere(`s.starts_at < date_trunc('week', CAST(:now AS timestamptz)) + interval '7 days'`)
        .orderBy('s.starts_at', 'ASC')
        .limit(50)
        .getMany(),
      this.areas.list(ctx),
      computeChannelReach(ctx),
    ]);
    const prompts = new Map(byPrompt.map((row) => [row.prompt, row.responses]));
    const reached = new Map(byArea.map((row) => [row.area_id, row.participants]));
    return {
      ...counts!,
      responsesByPrompt: Object.values(Prompt).map((prompt) => ({ prompt, responses: prompts.get(prompt) ?? 0 })),
      sessionsThisWeek: thisWeek,
      reachByChannel: channels.rows,
      threshold: channels.threshold,
      reach: areas.map((area) => {
        const participants = reached.get(area.id) ?? 0;
        return {
          area,
          participants,
          perThousand: area.population ? Math.round((participants / area.population) * 1000 * 100) / 100 : null,
        };
      }),
    };
  }
}
