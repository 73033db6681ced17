import type { RequestContext } from '../db/request-context.js';
import type { Services } from '../services.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives. */
export interface GraphQLContext {
  req: RequestContext;
  services: Services;
  loaders: Loaders;
  /** The client's address (behind `CHORUS_TRUST_PROXY` proxies, the one they report). */
  ip: string;
  /** The request's `Authorization` header, for `logout` to find the session it ends. */
  authorization: string | undefined;
}
