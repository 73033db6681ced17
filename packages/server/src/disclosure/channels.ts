import { Channel } from '@chorus/shared';
import type { RequestContext } from '../db/request-context.js';
import { CELL_KEY_MODULUS, release, type ReleasedFigure } from './ptable.js';
import { readThreshold } from './tables.js';

export interface ChannelReach {
  channel: Channel;
  participants: ReleasedFigure;
  responses: ReleasedFigure;
}

/**
 * A response's channel: its session's format, the questionnaire split into the resident's own
 * answers (online) and staff typing up a paper form, and any bulk import.
 */
const CHANNEL_OF = `CASE
    WHEN r.source = 'IMPORT' THEN 'IMPORT'
    WHEN f.format = 'QUESTIONNAIRE' AND r.source = 'QUESTIONNAIRE' THEN 'QUESTIONNAIRE_ONLINE'
    WHEN f.format = 'QUESTIONNAIRE' THEN 'QUESTIONNAIRE_PAPER'
    ELSE f.format END`;

/**
 * Participants and responses by channel, released as every other figure is: each through the
 * threshold and the ptable, from the record keys of what it counts. Every channel, in enum order.
 */
export async function computeChannelReach(ctx: RequestContext): Promise<{ threshold: number; rows: ChannelReach[] }> {
  const threshold = await readThreshold(ctx);
  const rows = await ctx.query<{
    channel: Channel;
    responses: number;
    response_key: number;
    participants: number;
    participant_key: number;
  }>(
    `SELECT channel, sum(n)::int AS responses, (sum(rk) % ${CELL_KEY_MODULUS})::int AS response_key,
            count(participant_id)::int AS participants,
            (coalesce(sum(pk), 0) % ${CELL_KEY_MODULUS})::int AS participant_key
     FROM (
       SELECT ${CHANNEL_OF} AS channel, f.participant_id, count(*) AS n, sum(f.response_key) AS rk,
              min(f.participant_key) AS pk
       FROM response_facts f JOIN responses r ON r.id = f.response_id
       WHERE f.engagement_id = $1
       GROUP BY 1, 2
     ) per_person
     GROUP BY channel`,
    [ctx.engagementId],
  );
  const byChannel = new Map(rows.map((row) => [row.channel, row]));
  return {
    threshold,
    rows: Object.values(Channel).map((channel) => {
      const row = byChannel.get(channel);
      return {
        channel,
        participants: release(row?.participants ?? 0, row?.participant_key ?? 0, threshold),
        responses: release(row?.responses ?? 0, row?.response_key ?? 0, threshold),
      };
    }),
  };
}
