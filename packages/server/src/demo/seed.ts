import type { RequestContext } from '../db/request-context.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

export async function seedDemoData(_ctx: RequestContext, _services: Services, _logger: Logger): Promise<{ email: string; password: string } | null> {
  return null;
}
