import DataLoader from 'dataloader';
import type { RequestContext } from '../db/request-context.js';
import type { Services } from '../services.js';

/** Batches one kind of lookup per request: many parents, one query. */
function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

function grouped<T>(load: (ids: readonly string[]) => Promise<Map<string, T>>, empty: T) {
  return new DataLoader<string, T>(async (ids) => {
    const rows = await load(ids);
    return ids.map((id) => rows.get(id) ?? empty);
  });
}

/**
 * Per-request DataLoaders. Each goes through the service's scoped query, so a nested field
 * reaches exactly what a top-level query would: a row outside the caller's tenancy loads as null.
 */
export function createLoaders(ctx: RequestContext, services: Services) {
  return {
    area: byId((ids) => services.areas.findByIds(ctx, ids)),
    organisation: byId((ids) => services.organisations.findByIds(ctx, ids)),
    user: byId((ids) => services.users.findByIds(ctx, ids)),
    apiKey: byId((ids) => services.apiKeys.findByIds(ctx, ids)),
    session: byId((ids) => services.sessions.findByIds(ctx, ids)),
    participant: byId((ids) => services.participants.findByIds(ctx, ids)),
    response: byId((ids) => services.responses.findByIds(ctx, ids)),
    theme: byId((ids) => services.themes.findByIds(ctx, ids)),
    themeChildren: grouped((ids) => services.themes.childrenOf(ctx, ids), []),
    themePath: grouped((ids) => services.themes.pathsOf(ctx, ids), []),
    themeResponseCount: grouped((ids) => services.themes.responseCounts(ctx, ids), 0),
    sessionResponseCount: grouped((ids) => services.sessions.responseCounts(ctx, ids), 0),
    sessionParticipantCount: grouped((ids) => services.sessions.participantCounts(ctx, ids), 0),
    sessionFacilitatorIds: grouped((ids) => services.sessions.facilitatorIds(ctx, ids), []),
    consents: grouped((ids) => services.consents.current(ctx, ids), []),
    consentLedger: grouped((ids) => services.consents.ledger(ctx, ids), []),
    responseThemes: grouped((ids) => services.codings.themesByResponse(ctx, ids), []),
    responseCodings: grouped((ids) => services.codings.byResponse(ctx, ids), []),
    responseQuotes: grouped((ids) => services.quotes.byResponse(ctx, ids), []),
    flagActions: grouped((ids) => services.safeguarding.actionsOf(ctx, ids), []),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
