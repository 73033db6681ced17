import type { RequestContext } from '../db/request-context.js';
import type { Services } from '../services.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives. */
export interface GraphQLContext {
  req: RequestContext;
  services: Services;
  loaders: Loaders;
}
