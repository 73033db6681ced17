import type { TableTouched } from '../db/references.js';
import type { RequestContext } from '../db/request-context.js';

/**
 * A candidate theme lists its example responses by id (an array, which no foreign key follows):
 * when a person's responses are deleted, their ids leave every candidate's examples too, so no
 * row keeps pointing at what they said. Run inside the erasure's or withdrawal's transaction,
 * before the responses go.
 */
export async function forgetSuggestionExamples(tx: RequestContext, participantId: string): Promise<TableTouched[]> {
  const [forgotten] = await tx.query<{ n: number }>(
    `WITH theirs AS (SELECT array_agg(id) AS ids FROM responses WHERE participant_id = $1),
     changed AS (
       UPDATE theme_candidates k
       SET example_response_ids = ARRAY(SELECT e FROM unnest(k.example_response_ids) e WHERE NOT e = ANY(theirs.ids))
       FROM theirs WHERE k.example_response_ids && theirs.ids RETURNING 1
     ) SELECT count(*)::int AS n FROM changed`,
    [participantId],
  );
  return forgotten!.n ? [{ table: 'theme_candidates', rows: forgotten!.n }] : [];
}
