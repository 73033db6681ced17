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

function kinds<T extends Record<string, (ctx: RequestContext, services: Services) => DataLoader<string, unknown>>>(
  made: T,
): T {
  return made;
}

/**
 * Per-request DataLoaders. Each goes through the service's scoped query, so a nested field
 * reaches exactly what a top-level query would: a row outside the caller's tenancy loads as null.
 */
const LOADERS = kinds({
  area: (ctx, services) => byId((ids) => services.areas.findByIds(ctx, ids)),
  organisation: (ctx, services) => byId((ids) => services.organisations.findByIds(ctx, ids)),
  user: (ctx, services) => byId((ids) => services.users.findByIds(ctx, ids)),
  apiKey: (ctx, services) => byId((ids) => services.apiKeys.findByIds(ctx, ids)),
  session: (ctx, services) => byId((ids) => services.sessions.findByIds(ctx, ids)),
  participant: (ctx, services) => byId((ids) => services.participants.findByIds(ctx, ids)),
  response: (ctx, services) => byId((ids) => services.responses.findByIds(ctx, ids)),
  theme: (ctx, services) => byId((ids) => services.themes.findByIds(ctx, ids)),
  themeChildren: (ctx, services) => grouped((ids) => services.themes.childrenOf(ctx, ids), []),
  themePath: (ctx, services) => grouped((ids) => services.themes.pathsOf(ctx, ids), []),
  themeResponseCount: (ctx, services) => grouped((ids) => services.themes.responseCounts(ctx, ids), 0),
  sessionResponseCount: (ctx, services) => grouped((ids) => services.sessions.responseCounts(ctx, ids), 0),
  sessionParticipantCount: (ctx, services) => grouped((ids) => services.sessions.participantCounts(ctx, ids), 0),
  sessionFacilitatorIds: (ctx, services) => grouped((ids) => services.sessions.facilitatorIds(ctx, ids), []),
  consents: (ctx, services) => grouped((ids) => services.consents.current(ctx, ids), []),
  consentLedger: (ctx, services) => grouped((ids) => services.consents.ledger(ctx, ids), []),
  responseThemes: (ctx, services) => grouped((ids) => services.codings.themesByResponse(ctx, ids), []),
  responseCodings: (ctx, services) => grouped((ids) => services.codings.byResponse(ctx, ids), []),
  responseQuotes: (ctx, services) => grouped((ids) => services.quotes.byResponse(ctx, ids), []),
  flagActions: (ctx, services) => grouped((ids) => services.safeguarding.actionsOf(ctx, ids), []),
});

export type Loaders = { readonly [K in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[K]> };

/** A request's loaders, each made on its first use: a request needs a few of them, and most need none. */
class LazyLoaders {
  constructor(
    readonly ctx: RequestContext,
    readonly services: Services,
  ) {}
}

for (const [key, make] of Object.entries(LOADERS)) {
  Object.defineProperty(LazyLoaders.prototype, key, {
    get(this: LazyLoaders) {
      const loader = make(this.ctx, this.services);
      Object.defineProperty(this, key, { value: loader });
      return loader;
    },
  });
}

export function createLoaders(ctx: RequestContext, services: Services): Loaders {
  return new LazyLoaders(ctx, services) as unknown as Loaders;
}
